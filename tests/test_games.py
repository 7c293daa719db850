"""The game solver on textbook games with known equilibria, and the ChickenGame widget."""

from __future__ import annotations

import html
import math

import numpy as np
import pytest

from crisislab import games
from crisislab.games import ChickenGame, chicken_payoffs, equilibria, is_degenerate


def _profiles(found):
    return sorted(e.profile() for e in found if e.pure)


def _mixed(found):
    return [e for e in found if not e.pure]


# -- textbook games ---------------------------------------------------------------------------


def test_prisoners_dilemma_has_one_pure_equilibrium_both_defect():
    # strategies: 0 = cooperate, 1 = defect; T=5 > R=3 > P=1 > S=0
    row = [[3, 0], [5, 1]]
    col = [[3, 5], [0, 1]]
    found = equilibria(row, col)
    assert len(found) == 1
    assert found[0].profile() == (1, 1)
    assert (found[0].row_payoff, found[0].col_payoff) == (1.0, 1.0)


def test_chicken_has_two_pure_and_one_mixed_equilibrium():
    # 0 = straight (stand firm), 1 = swerve; crash 0, win 3, swerve alone 1, both swerve 2
    row = [[0, 3], [1, 2]]
    col = [[0, 1], [3, 2]]
    found = equilibria(row, col)
    assert _profiles(found) == [(0, 1), (1, 0)]
    (mixed,) = _mixed(found)
    # indifference: p*0 + (1-p)*3 = p*1 + (1-p)*2  ->  p = 1/2
    assert mixed.row_mix == pytest.approx((0.5, 0.5))
    assert mixed.col_mix == pytest.approx((0.5, 0.5))
    assert mixed.row_payoff == pytest.approx(1.5)


def test_stag_hunt_has_two_pure_and_one_mixed_equilibrium():
    # 0 = stag, 1 = hare; (stag, stag) 4, hare 3 whatever the other does... textbook R=4,T=3,P=2,S=0
    row = [[4, 0], [3, 2]]
    col = [[4, 3], [0, 2]]
    found = equilibria(row, col)
    assert _profiles(found) == [(0, 0), (1, 1)]
    (mixed,) = _mixed(found)
    # stag with q: 4q = 3q + 2(1-q) -> q = 2/3
    assert mixed.row_mix == pytest.approx((2 / 3, 1 / 3))
    assert mixed.col_mix == pytest.approx((2 / 3, 1 / 3))


def test_matching_pennies_has_only_a_mixed_equilibrium():
    row = [[1, -1], [-1, 1]]
    col = [[-1, 1], [1, -1]]
    found = equilibria(row, col)
    assert len(found) == 1 and not found[0].pure
    assert found[0].row_mix == pytest.approx((0.5, 0.5))


def test_asymmetric_mixed_equilibrium_uses_the_other_players_payoffs():
    # Battle of the sexes: row prefers (0,0) with 2, col prefers (1,1) with 2
    row = [[2, 0], [0, 1]]
    col = [[1, 0], [0, 2]]
    (mixed,) = _mixed(equilibria(row, col))
    # row mixes to make col indifferent: 1*p = 2*(1-p) -> p = 2/3
    assert mixed.row_mix == pytest.approx((2 / 3, 1 / 3))
    assert mixed.col_mix == pytest.approx((1 / 3, 2 / 3))


def test_rock_paper_scissors_three_strategies():
    row = np.array([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    found = equilibria(row, -row)
    assert len(found) == 1
    assert found[0].row_mix == pytest.approx((1 / 3, 1 / 3, 1 / 3))


def test_every_equilibrium_found_is_a_best_reply_to_the_other():
    rng = np.random.default_rng(1962)
    for _ in range(30):
        row, col = rng.integers(-5, 6, (2, 2, 2))
        for e in equilibria(row, col):
            x, y = np.array(e.row_mix), np.array(e.col_mix)
            assert np.all(row @ y <= x @ row @ y + 1e-7)
            assert np.all(x @ col <= x @ col @ y + 1e-7)


def test_degenerate_games_are_flagged():
    assert is_degenerate([[1, 1], [1, 1]], [[1, 1], [1, 1]])
    assert not is_degenerate([[0, 3], [1, 2]], [[0, 1], [3, 2]])


@pytest.mark.parametrize(
    "row, col, message",
    [
        ([[1, 2]], [[1, 2], [3, 4]], "same shape"),
        ([[1, "x"], [1, 2]], [[1, 2], [3, 4]], "numbers"),
        ([[1, math.inf], [1, 2]], [[1, 2], [3, 4]], "finite"),
        ([1, 2], [1, 2], "table"),
        (np.zeros((7, 7)), np.zeros((7, 7)), "small games"),
    ],
)
def test_bad_payoff_tables_are_refused_clearly(row, col, message):
    with pytest.raises(ValueError, match=message):
        equilibria(row, col)


# -- the game of chicken with a face-saving exit ------------------------------------------------


def test_chicken_payoffs_place_the_concession_in_the_right_cells():
    row, col = chicken_payoffs(3, 2, 1, 0, exit="private", concession=1.5)
    assert row.tolist() == [[0, 3], [2.5, 2]]  # backing down alone now earns 1 + 1.5
    assert col.tolist() == [[0, 2.5], [3, 2]]
    row, _ = chicken_payoffs(3, 2, 1, 0, exit="public", concession=1.5, public_cost=1)
    assert row.tolist() == [[0, 2], [2.5, 2]]  # offered (3 - 1 >= 1.5); the giver pays 1
    row, _ = chicken_payoffs(3, 2, 1, 0, exit="public", concession=1.5, public_cost=2)
    assert row.tolist() == [[0, 3], [1, 2]]  # 3 - 2 < 1.5: not offered, plain chicken


def test_a_private_concession_lowers_the_chance_of_war_in_the_mixed_equilibrium():
    game = ChickenGame()
    before = game.war_risk()
    assert before == pytest.approx(0.25)  # 3, 2, 1, 0: each stands firm with 1/2
    game.set_exit("private")
    after = game.war_risk()
    # each now stands firm with (3-2)/((3-2)+(2.5-0)) = 2/7
    assert after == pytest.approx((2 / 7) ** 2)
    assert "Without the exit, both stand firm with probability 25%" in game.equilibrium_text()


def test_a_costly_public_concession_is_not_offered_and_the_risk_stays():
    game = ChickenGame(exit="public", public_cost=2.0)
    assert not game.concession_offered()
    assert game.war_risk() == pytest.approx(0.25)  # plain chicken: no exit on offer
    assert "The public concession is not offered" in game.equilibrium_text()
    assert "less than the 1.5 it expects from plain chicken" in game.equilibrium_text()
    game.set_exit("private")  # the same concession, unseen: no one pays for backing down
    assert game.concession_offered()
    assert round(100 * game.war_risk()) == 8
    assert "The private concession is offered" in game.equilibrium_text()


def test_a_cheap_public_concession_is_offered():
    assert games.concession_offered(3, 2, 1, 0, exit="public", public_cost=1.5)  # 1.5 >= 1.5
    assert not games.concession_offered(3, 2, 1, 0, exit="public", public_cost=1.6)
    assert not games.concession_offered(3, 2, 1, 0, exit="none")
    assert games.plain_chicken_value(3, 2, 1, 0) == pytest.approx(1.5)
    assert games.plain_chicken_value(5, 3, 0, 1) == pytest.approx(1)  # dilemma: no mixed one


def test_the_preset_starts_on_chicken_when_the_sliders_hold_its_numbers():
    assert ChickenGame().preset.value == "Chicken (1962)"
    assert ChickenGame(war=-2.0).preset.value == games.OWN_NUMBERS
    game = ChickenGame(war=-2.0)
    game.set_payoff("war", 0.0)  # back to the 1962 numbers: the button says so
    assert game.preset.value == "Chicken (1962)"


def test_the_widget_explains_the_textbook_game_buttons():
    game = ChickenGame()
    text = game.summary.value
    assert "What the textbook game buttons do" in text
    for name in games.PRESETS:
        assert html.escape(name) in text
    assert "hunting hare" in text


def test_slider_changes_update_the_equilibrium_text_and_figure():
    game = ChickenGame()
    text, png = game.equilibrium_text(), game.figure_png()
    game.set_payoff("war", -6)
    assert game.equilibrium_text() != text
    assert "both stand firm with probability 2%" in game.equilibrium_text()  # (1/8)^2
    assert game.figure_png() != png
    assert "&#9733; stable" in game.table_html()


def test_presets_give_the_textbook_answers():
    game = ChickenGame()
    game.use_preset("Prisoner's dilemma")
    assert _profiles(game.equilibria()) == [(0, 0)]  # both stand firm (defect)
    game.use_preset("stag hunt")
    assert _profiles(game.equilibria()) == [(0, 0), (1, 1)]
    assert game.war_risk() == pytest.approx(1 / 9)


def test_the_figure_is_drawn_once_and_its_artists_move():
    game = ChickenGame()
    figure = game._figure
    line = figure.wash
    game.set_payoff("compromise", 2.5)
    assert game._figure is figure and figure.wash is line
    xs, _ys = line.get_data()
    assert list(xs)[1] == pytest.approx(0.5 / (0.5 + 1))  # Washington indifferent at q = 1/3


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda g: g.set_payoff("nuclear", 1), ValueError),
        (lambda g: g.set_payoff("war", 99), ValueError),
        (lambda g: g.set_payoff("war", "a lot"), TypeError),
        (lambda g: g.set_exit("secret"), ValueError),
        (lambda g: g.use_preset("poker"), ValueError),
    ],
)
def test_unhappy_paths_raise_clear_errors(call, error):
    with pytest.raises(error):
        call(ChickenGame())


def test_repr_is_deterministic_text():
    first = ChickenGame()._repr_mimebundle_()["text/plain"]
    assert first == ChickenGame()._repr_mimebundle_()["text/plain"]
    assert first.startswith("ChickenGame: 3 stable outcomes")


def test_every_control_has_a_visible_description():
    game = ChickenGame()
    for control in (*game.sliders.values(), game.exit_buttons, game.preset):
        assert control.description.strip()


def test_controls_are_styled_for_the_keyboard_and_announce_the_game():
    game = ChickenGame()
    assert "crisislab-widget" in game.widget._dom_classes  # the focus ring's scope
    assert game.exit_buttons.style.button_width == "auto"  # labels never cut off
    assert 'role="status"' in game.status.value and 'aria-live="polite"' in game.status.value
    assert "No face-saving exit" in game.status.value
    game.exit_buttons.value = "public"  # what a click, or Tab and Space, syncs
    assert "Public concession" in game.status.value
    assert '<img src="data:image/png;base64,' in game.figure.value and 'alt="' in game.figure.value


def test_static_forms_exist_and_have_alt_text():
    row, col = chicken_payoffs()
    figure = games.best_response_figure(row, col)
    assert figure.axes[0].get_xlabel() == "Chance Moscow stands firm"
    assert "cross at the equilibria" in games.best_response_alt(row, col)
    assert "<table" in games.payoff_table_html(row, col)


def test_moving_a_slider_after_a_preset_says_the_numbers_are_your_own():
    game = ChickenGame()
    game.use_preset("Stag hunt")
    assert game.preset.value == "Stag hunt"
    game.set_payoff("war", 1.0)
    assert game.preset.value == games.OWN_NUMBERS
    assert game.sliders["compromise"].value == 4.0  # the other numbers stay
