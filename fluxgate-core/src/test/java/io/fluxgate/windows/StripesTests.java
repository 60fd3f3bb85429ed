package io.fluxgate.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StripesTests {

    @Test
    void allowsAPowerOfTwoOfAtLeastTwiceTheProcessorsUpTo64() {
        int processors = Runtime.getRuntime().availableProcessors();

        assertThat(Integer.bitCount(Stripes.MAX)).isEqualTo(1);
        assertThat(Stripes.MAX).isBetween(Math.min(64, 2 * processors), 64);
    }

    @Test
    void doublesOnContentionKeepingTheExistingCellsUntilTheMaximum() {
        Stripes stripes = new Stripes(1, 4);
        long[] first = stripes.cells()[0];

        long[][] grown = stripes.grow(stripes.cells());

        assertThat(grown.length).isEqualTo(Math.min(2, Stripes.MAX));
        assertThat(grown[0]).isSameAs(first);
        while (grown.length < Stripes.MAX) {
            grown = stripes.grow(grown);
        }
        assertThat(grown.length).isEqualTo(Stripes.MAX);
        assertThat(stripes.grow(grown)).isSameAs(grown);
    }

    @Test
    void growsOnlyOnceWhenTwoThreadsSawTheSameCells() {
        Stripes stripes = new Stripes(1, 4);
        long[][] seen = stripes.cells();

        long[][] byOne = stripes.grow(seen);
        long[][] byOther = stripes.grow(seen);

        assertThat(byOther).isSameAs(byOne);
        assertThat(byOne.length).isEqualTo(Math.min(2, Stripes.MAX));
    }

    @Test
    void givesAThreadTheCellItsProbeSelects() {
        Stripes stripes = new Stripes(4, 4);
        long[][] cells = stripes.cells();

        assertThat(Stripes.cellOf(cells, 6)).isSameAs(cells[2]);
        assertThat(Stripes.cellOf(cells, Stripes.probe())).isSameAs(Stripes.cellOf(cells, Stripes.probe()));
    }
}
