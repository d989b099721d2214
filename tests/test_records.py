"""revcop.records.dataclass makes the very class dataclasses.dataclass makes, its methods compiled
from kept code where there is some, and leaves the dataclasses module as it found it."""

import dataclasses
import pickle

import pytest

from revcop import records
from revcop.model import Label, LabelKind, Span


def _point(decorator, **options):
    @decorator(**options)
    class Point:
        x: int
        y: int = 0
        tags: list = dataclasses.field(default_factory=list)

    return Point


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"frozen": True, "slots": True}, {"order": True}])
def test_the_class_behaves_as_a_dataclass_with_the_same_options(options):
    ours, theirs = _point(records.dataclass, **options), _point(dataclasses.dataclass, **options)
    a, b = ours(1, 2), theirs(1, 2)
    assert dataclasses.is_dataclass(ours)
    assert [f.name for f in dataclasses.fields(ours)] == [f.name for f in dataclasses.fields(theirs)] == ["x", "y", "tags"]
    assert repr(a).replace("test_the_class_behaves_as_a_dataclass_with_the_same_options.<locals>.", "") \
        == repr(b).replace("test_the_class_behaves_as_a_dataclass_with_the_same_options.<locals>.", "")
    assert a == ours(1, 2) and a != ours(1, 3) and ours(1).tags is not ours(1).tags
    assert dataclasses.replace(a, y=5) == ours(1, 5)
    if options.get("frozen"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.x = 3  # type: ignore[misc]
    if options.get("slots"):
        assert not hasattr(a, "__dict__")
    if options.get("order"):
        assert ours(1, 2) < ours(2, 0)


def test_methods_come_from_kept_code_and_the_module_is_left_as_it_was(monkeypatch):
    made = _point(records.dataclass, frozen=True)
    source = next(s for s in records._kept.entries if " def __init__(self,x:" in s)  # the first made it
    compiled_afresh: list = []  # each method compiled from source is added to the kept code
    monkeypatch.setattr(records._kept, "add", lambda source, code: compiled_afresh.append(source))
    again = _point(records.dataclass, frozen=True)
    assert compiled_afresh == []  # every method of the second class came from the kept code
    assert again(4, 5) == again(4, 5) != again(4, 6) and again(4).tags == [] and repr(again(4)) == repr(made(4))
    assert records._kept.get(source).co_filename == "<string>"
    assert "exec" not in vars(dataclasses)


def test_the_module_is_left_as_it_was_when_the_class_is_refused():
    with pytest.raises(TypeError):
        @records.dataclass
        class Wrong:
            x: int = 0
            y: int  # a field without a default after one with a default
    assert "exec" not in vars(dataclasses)


def test_revcops_model_is_made_of_them_and_pickles():
    # made through records.dataclass: their methods are the very code it compiled or read back
    made = [c for code in (records._kept.entries or {}).values() for c in code.co_consts if hasattr(c, "co_consts")]
    kept_code = {id(c) for create in made for c in create.co_consts}  # the methods __create_fn__ makes
    assert id(Span.__init__.__code__) in kept_code and id(Label.__eq__.__code__) in kept_code
    span = Span("11 bis", note=None)
    label = Label(LabelKind.NUMBER, 11, 1, "{n} {x}")
    assert pickle.loads(pickle.dumps((span, label))) == (span, label)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.text = "x"  # type: ignore[misc]


def _shapes(decorator, **options):
    @decorator(**options)
    class Shape:
        name: str
        sides: int = 0
        label: object = None

    return Shape


@pytest.mark.parametrize("options", [{"frozen": True}, {"frozen": True, "slots": True}])
def test_a_frozen_class_stores_its_fields_directly_and_makes_the_same_instance(options):
    import inspect

    ours, theirs = _shapes(records.dataclass, **options), _shapes(dataclasses.dataclass, **options)
    assert "__dataclass_self__" in ours.__init__.__code__.co_varnames  # the direct __init__, not the standard one
    for args, kwargs in [(("a",), {}), (("a", 3), {}), (("a",), {"label": "x", "sides": 4}), ((), {"name": "b"})]:
        a, b = ours(*args, **kwargs), theirs(*args, **kwargs)
        assert [getattr(a, f) for f in ("name", "sides", "label")] == [getattr(b, f) for f in ("name", "sides", "label")]
        if not options.get("slots"):
            assert list(vars(a).items()) == list(vars(b).items())  # the same dictionary, in the same order
    assert str(inspect.signature(ours)) == str(inspect.signature(theirs)) == "(name: str, sides: int = 0, label: object = None) -> None"
    with pytest.raises(TypeError):
        ours()  # a missing argument is refused as before
    with pytest.raises(dataclasses.FrozenInstanceError):
        ours("a").name = "b"  # type: ignore[misc]
    assert dataclasses.replace(ours("a", 1), sides=2) == ours("a", 2)
    assert pickle.loads(pickle.dumps(Span("x"))) == Span("x")


def test_a_class_whose_init_does_more_keeps_the_standard_one():
    @records.dataclass(frozen=True)
    class Later:
        x: int

        def __post_init__(self):
            object.__setattr__(self, "y", self.x * 2)

    @records.dataclass(frozen=True)
    class Own:
        x: int

        def __init__(self, x: str) -> None:
            object.__setattr__(self, "x", int(x))

    assert Later(2).y == 4 and Own("3").x == 3  # type: ignore[attr-defined]
    assert "__dataclass_self__" not in Later.__init__.__code__.co_varnames
    assert "__dataclass_self__" not in _point(records.dataclass, frozen=True).__init__.__code__.co_varnames  # a factory
