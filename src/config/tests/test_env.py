import pytest

from config.env import Env, EnvError


def test_unknown_variable_is_an_error_with_a_hint() -> None:
    with pytest.raises(
        EnvError, match=r"PRESSWATCH_DATABSE_URL.*did you mean PRESSWATCH_DATABASE_URL"
    ):
        Env.load({"PRESSWATCH_DATABSE_URL": "postgres://x@h/db"})


def test_other_prefixes_are_ignored() -> None:
    env = Env.load({"HOME": "/root", "PRESSWATCH_DEBUG": "true"})
    assert env.get_bool("DEBUG", default=False) is True


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "expected true or false"),
        ("WORKERS", "two", "expected a whole number"),
        ("WORKERS", "0", "expected 1..64"),
        ("DATABASE_URL", "mysql://h/db", "scheme 'mysql'"),
        ("REDIS_URL", "redis://", "no host"),
        ("LANGUAGE", "fr", "expected one of vi, en"),
    ],
)
def test_invalid_values_name_the_variable(name: str, value: str, message: str) -> None:
    env = Env.load({f"PRESSWATCH_{name}": value})
    with pytest.raises(EnvError, match=message):
        if name == "DEBUG":
            env.get_bool(name, default=False)
        elif name == "WORKERS":
            env.get_int(name, 2, minimum=1, maximum=64)
        elif name == "LANGUAGE":
            env.get_choice(name, "vi", ("vi", "en"))
        else:
            env.get_url(name, ("postgres", "redis", "sqlite"))


def test_blank_values_fall_back_to_defaults() -> None:
    env = Env.load({"PRESSWATCH_WORKERS": "  ", "PRESSWATCH_ALLOWED_HOSTS": "a.vn, b.vn ,"})
    assert env.get_int("WORKERS", 2) == 2
    assert env.get_list("ALLOWED_HOSTS", []) == ["a.vn", "b.vn"]


def test_reading_an_undeclared_name_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        Env.load({}).get_str("NOT_DECLARED", "")


def test_rates_and_networks_are_checked() -> None:
    env = Env.load(
        {
            "PRESSWATCH_INGEST_RATE": "lots",
            "PRESSWATCH_FETCH_PRIVATE_ALLOW": "10.0.0.0/8, intranet",
        }
    )
    with pytest.raises(EnvError, match="INGEST_RATE='lots': expected a rate"):
        env.get_rate("INGEST_RATE", "120/min")
    with pytest.raises(EnvError, match="'intranet' is not an IP network"):
        env.get_networks("FETCH_PRIVATE_ALLOW", [])
    ok = Env.load({"PRESSWATCH_INGEST_RATE": "30/hour"})
    assert ok.get_rate("INGEST_RATE", "120/min") == "30/hour"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1,6,x", r"item 3 \('x'\) is not a number"),
        ("1,,6", r"item 2 \(''\) is not a number"),
        ("0,6", r"item 1 \(0\) not in \(0, 8784\]"),
        ("1,6,5", r"item 3 \(5\) is below the item before"),
        ("24,1", r"item 2 \(1\) is below"),
    ],
)
def test_recheck_hours_are_checked_item_by_item(value: str, message: str) -> None:
    env = Env.load({"PRESSWATCH_RECHECK_HOURS": value})
    with pytest.raises(EnvError, match="PRESSWATCH_RECHECK_HOURS: " + message):
        env.get_growing_numbers("RECHECK_HOURS", (1.0,), maximum=8784)


def test_recheck_hours_parse_and_default() -> None:
    env = Env.load({"PRESSWATCH_RECHECK_HOURS": " 0.5, 2 ,2, 48"})
    assert env.get_growing_numbers("RECHECK_HOURS", (1.0,), maximum=8784) == (0.5, 2.0, 2.0, 48.0)
    assert Env.load({}).get_growing_numbers("RECHECK_HOURS", (1, 6), maximum=10) == (1, 6)
