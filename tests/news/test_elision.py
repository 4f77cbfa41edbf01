"""« de » before a name, elided before a vowel or a mute h, as French writes it."""

import pytest

from quotidien.french.typography import of_name


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Antoine Karam", "d’Antoine Karam"),
        ("Élie Sfeir", "d’Élie Sfeir"),
        ("Omar Haddad", "d’Omar Haddad"),
        ("Hélène Bitar", "d’Hélène Bitar"),
        ("Yves Aoun", "d’Yves Aoun"),
        ("Rania Daher", "de Rania Daher"),
        ("Hassan Moussa", "de Hassan Moussa"),
        ("Youssef Nader", "de Youssef Nader"),
    ],
)
def test_de_is_elided_before_a_vowel_or_a_mute_h(name, written):
    assert of_name(name) == written
