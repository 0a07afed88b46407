"""Alias tables: one canonical name per party, and the kind of each canonical name.

An alias file is TOML with two optional tables::

    # my-aliases.toml
    [aliases]
    "United States" = ["US", "U.S.", "USA", "Washington"]
    "UN Security Council" = ["UNSC", "Security Council"]
    "Harbour Courier" = ["the Courier", "HC"]

    [kinds]
    "Harbour Courier" = "outlet"       # person, organisation, country, place, group or outlet

- ``[aliases]``: each key is the canonical name shown in the speakers/parties facets; its value is a
  list of other forms that mean the same party. The canonical name always matches itself.
- ``[kinds]``: the kind of a canonical name; it overrides the kind the extractor would guess.
- Matching ignores full stops ("U.S." = "US"), a leading "the", a possessive "'s" and letter case,
  except that a short all-capital form ("US", "WHO", "IS") only matches in capitals, so "who" and
  "us" in running text are never parties.
- A user file is laid over the shipped table (``default_aliases().merge(user)``): a form the user
  lists moves to the user's canonical name.

Example::

    table = default_aliases().merge(load_aliases("my-aliases.toml"))
    table.canonical("U.S.")   # 'United States'
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsearch.errors import NewsearchError
from newsearch.models import PARTY_KINDS

__all__ = [
    "AliasFileError",
    "AliasTable",
    "default_aliases",
    "effective",
    "load_aliases",
    "merge",
    "norm_key",
]


class AliasFileError(NewsearchError):
    """An alias file that cannot be read or does not follow the format."""


def norm_key(form: str) -> tuple[str, bool]:
    """The lookup key of a surface form and whether it must match case-sensitively.

    >>> norm_key("U.S.")
    ('US', True)
    >>> norm_key("the United States")
    ('united states', False)
    """
    text = form.strip().strip("\"'“”‘’").replace("’", "'")
    if text.endswith("'s"):
        text = text[:-2]
    text = text.replace(".", "").strip()
    if text[:4].lower() == "the " and len(text) > 4:
        text = text[4:]
    text = " ".join(text.split())
    letters = text.replace("-", "").replace(" ", "")
    if letters.isupper() and len(letters) <= 5:
        return text, True
    return text.casefold(), False


@dataclass(frozen=True)
class AliasTable:
    """Forms → canonical names, and canonical names → kinds. Immutable, hashable and picklable.

    ``aliases`` holds ``(form, canonical)`` pairs and ``kinds`` ``(canonical, kind)`` pairs, in the
    order they were given; later pairs win.
    """

    aliases: tuple[tuple[str, str], ...] = ()
    kinds: tuple[tuple[str, str], ...] = ()
    _exact: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)
    _folded: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)
    _kind: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)
    _hash: int = field(default=0, init=False, repr=False, compare=False, hash=False)
    _memo: dict[str, str | None] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __hash__(self) -> int:
        # Computed once: the table is a cache key for every capitalised run the extractor sees.
        return self._hash

    def __post_init__(self) -> None:
        object.__setattr__(self, "_hash", hash((self.aliases, self.kinds)))
        for form, canonical in self.aliases:
            key, exact = norm_key(form)
            if key:
                (self._exact if exact else self._folded)[key] = canonical
                if not exact:
                    # A capitalised form also matches exactly ("Hamas" typed as "HAMAS" is rare but fine).
                    self._exact.setdefault(form.replace(".", "").strip(), canonical)
        for canonical, kind in self.kinds:
            self._kind[canonical] = kind

    def __getstate__(self) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
        return self.aliases, self.kinds

    def __setstate__(self, state: tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]) -> None:
        object.__setattr__(self, "aliases", state[0])
        object.__setattr__(self, "kinds", state[1])
        for name in ("_exact", "_folded", "_kind", "_memo"):  # rebuilt by __post_init__
            object.__setattr__(self, name, {})
        self.__post_init__()

    @classmethod
    def from_mappings(
        cls, aliases: Mapping[str, Iterable[str]], kinds: Mapping[str, str] | None = None
    ) -> AliasTable:
        """Build a table from ``{canonical: [forms]}`` and ``{canonical: kind}``."""
        pairs: list[tuple[str, str]] = []
        for canonical, forms in aliases.items():
            pairs.append((canonical, canonical))
            pairs.extend((form, canonical) for form in forms)
        kind_pairs = tuple((kinds or {}).items())
        pairs.extend((canonical, canonical) for canonical, _ in kind_pairs)
        return cls(tuple(pairs), kind_pairs)

    def canonical(self, form: str) -> str | None:
        """The canonical name for a surface form, or None when the table does not know it."""
        try:
            return self._memo[form]
        except KeyError:
            pass
        hit = self._canonical(form)
        if len(self._memo) < 100_000:
            self._memo[form] = hit
        return hit

    def _canonical(self, form: str) -> str | None:
        key, exact = norm_key(form)
        if not key:
            return None
        if exact:
            return self._exact.get(key)
        hit = self._exact.get(form.replace(".", "").strip())
        if hit is not None:
            return hit
        if key.isupper() or form.strip().isupper():
            # All-capital running text ("WASHINGTON") may still match a long form.
            return self._folded.get(key.casefold())
        return self._folded.get(key)

    def canonical_folded(self, form: str) -> str | None:
        """Like ``canonical`` but ignoring case everywhere: for what a user types in a query."""
        key, _ = norm_key(form)
        folded = key.casefold()
        hit = self._folded.get(folded)
        if hit is not None:
            return hit
        for exact_key, canonical in self._exact.items():
            if exact_key.casefold() == folded:
                return canonical
        return None

    def kind(self, canonical: str) -> str | None:
        """The kind given for a canonical name, or None."""
        return self._kind.get(canonical)

    def forms(self, canonical: str) -> tuple[str, ...]:
        """Every form that maps to ``canonical`` (the canonical name first)."""
        out = [canonical]
        out.extend(form for form, name in self.aliases if name == canonical and form not in out)
        return tuple(out)

    def names(self) -> tuple[str, ...]:
        """Every canonical name in the table."""
        return tuple(dict.fromkeys(name for _, name in self.aliases))

    def merge(self, other: AliasTable | None) -> AliasTable:
        """This table with ``other`` laid over it: ``other``'s forms and kinds win."""
        if other is None or (not other.aliases and not other.kinds):
            return self
        n, k = len(self.aliases), len(self.kinds)
        if other.aliases[:n] == self.aliases and other.kinds[:k] == self.kinds:
            return other  # already laid over this table
        return AliasTable(self.aliases + other.aliases, self.kinds + other.kinds)


def merge(base: AliasTable, user: AliasTable | None) -> AliasTable:
    """``user`` laid over ``base``."""
    return base.merge(user)


def _parse(data: Mapping[str, object], where: str) -> AliasTable:
    unknown = set(data) - {"aliases", "kinds"}
    if unknown:
        raise AliasFileError(
            f"{where}: unknown table [{sorted(unknown)[0]}] (expected [aliases] and [kinds])"
        )
    raw_aliases = data.get("aliases", {})
    raw_kinds = data.get("kinds", {})
    if not isinstance(raw_aliases, dict):
        raise AliasFileError(f"{where}: [aliases] must be a table of name = [forms]")
    if not isinstance(raw_kinds, dict):
        raise AliasFileError(f"{where}: [kinds] must be a table of name = kind")
    aliases: dict[str, list[str]] = {}
    for canonical, forms in raw_aliases.items():
        if isinstance(forms, str):
            forms = [forms]
        if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            raise AliasFileError(f"{where}: aliases for {canonical!r} must be a list of non-empty strings")
        if not canonical.strip():
            raise AliasFileError(f"{where}: empty canonical name in [aliases]")
        aliases[canonical] = forms
    kinds: dict[str, str] = {}
    for canonical, kind in raw_kinds.items():
        if kind not in PARTY_KINDS:
            raise AliasFileError(
                f"{where}: kind of {canonical!r} is {kind!r}; expected one of {', '.join(PARTY_KINDS)}"
            )
        kinds[canonical] = kind
    return AliasTable.from_mappings(aliases, kinds)


def load_aliases(path: str | Path) -> AliasTable:
    """Read a user alias file (TOML; format in this module's docstring).

    Raises ``AliasFileError`` (a ``NewsearchError``) with a one-line message for a missing or bad file.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise AliasFileError(f"{path}: alias file not found") from None
    except OSError as exc:
        raise AliasFileError(f"{path}: cannot read alias file ({exc.strerror or exc})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise AliasFileError(f"{path}: not valid TOML: {first}") from None
    return _parse(data, str(path))


def _data_text(name: str) -> str:
    return resources.files("newsearch.extract").joinpath("data", name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Country:
    name: str
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The shipped countries: canonical name, demonyms and capitals (aliases go into the table)."""
    out = []
    for line in _data_text("countries.txt").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("|")] + ["", "", ""]
        name, _, demonyms, capitals = cells[:4]
        out.append(
            Country(
                name,
                tuple(d.strip() for d in demonyms.split(",") if d.strip()),
                tuple(c.strip() for c in capitals.split(",") if c.strip()),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def default_aliases() -> AliasTable:
    """The shipped alias table: countries, international organisations, agencies and outlets."""
    pairs: list[tuple[str, str]] = []
    kinds: list[tuple[str, str]] = []
    for line in _data_text("countries.txt").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("|")] + [""]
        name = cells[0]
        pairs.append((name, name))
        pairs.extend((a.strip(), name) for a in cells[1].split(",") if a.strip())
        kinds.append((name, "country"))
    for line in _data_text("places.txt").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            pairs.append((line, line))
            kinds.append((line, "place"))
    shipped = _parse(tomllib.loads(_data_text("aliases.toml")), "aliases.toml")
    return AliasTable(tuple(pairs) + shipped.aliases, tuple(kinds) + shipped.kinds)


@lru_cache(maxsize=16)
def effective(aliases: AliasTable | None) -> AliasTable:
    """The shipped table with ``aliases`` laid over it (cached: extraction calls this per article)."""
    return default_aliases() if aliases is None else default_aliases().merge(aliases)
