package org.jgrad.optim;

import static org.jgrad.optim.OptimTesting.assertClose;
import static org.jgrad.optim.OptimTesting.fixedGradientProblem;
import static org.jgrad.optim.OptimTesting.quadraticPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RMSpropTest {

    @Test
    void defaultsMatchHandAndTorch() {
        // step 1: v = 0.01·g², so √v = 0.1·|g| and θ ← θ − 0.01·g/(0.1|g| + 1e−8) ≈ θ − 0.1·sign(g)
        double[][] torch = {{0.9000000099999991, -1.9000000008333333}, {0.8329179752650593, -1.8309433266382498},
                {0.7799822819823541, -1.7753494426029548}, {0.7353890542033931, -1.7277138139132797},
                {0.696465799281033, -1.6854815792614215}};
        double[][] path = quadraticPath(RMSprop::new);
        assertClose(torch, path);
        assertEquals(1 - 0.01 / (Math.sqrt(0.01) + 1e-8), path[0][0], 1e-15);
    }

    @Test
    void momentumMatchesTorch() {
        // the buffer starts at 0: b₁ = g/(√v + ε), so step 1 equals the plain step
        double[][] torch = {{0.9000000099999991, -1.9000000008333333}, {0.7429179842650584, -1.7409433273882498},
                {0.5529149532344079, -1.5441299586332273}, {0.3477289003514465, -1.3238453782371011},
                {0.14194253874347496, -1.0907376929206685}};
        assertClose(torch, quadraticPath(p -> new RMSprop(p).lr(0.01).momentum(0.9)));
    }

    @Test
    void centeredMatchesHandAndTorch() {
        // step 1: v = 0.01g², ḡ = 0.01g, v − ḡ² = 0.0099g², θ₀ = 1 − 0.01/(√0.0099 + 1e−8)
        double[][] torch = {{0.8994962285750879, -1.8994962193158296}, {0.8317593871030315, -1.829752150093714},
                {0.7780684196313441, -1.7733354113834434}, {0.7326467091658289, -1.7247664119429316},
                {0.6928399573539801, -1.6815063102513021}};
        double[][] path = quadraticPath(p -> new RMSprop(p).lr(0.01).centered(true));
        assertClose(torch, path);
        assertEquals(1 - 0.01 / (Math.sqrt(0.01 - 0.0001) + 1e-8), path[0][0], 1e-15);
    }

    @Test
    void centeredWithMomentumAlphaEpsAndWeightDecayMatchTorch() {
        double[][] torch = {{0.9666667676764615, -1.9666666757741322}, {0.9249236852362319, -1.9247135047566146},
                {0.8824186712495519, -1.8816602584776607}, {0.84140130296769, -1.8397019487410073},
                {0.8022457845498112, -1.7991914167616805}};
        assertClose(torch, quadraticPath(p -> new RMSprop(p).lr(0.01).alpha(0.9).eps(1e-6).centered(true)
                .momentum(0.5).weightDecay(0.1)));
    }

    @Test
    void severalParametersWithFixedGradientsMatchTorch() {
        double[][] out = fixedGradientProblem(p -> new RMSprop(p).lr(0.1).momentum(0.5).centered(true).weightDecay(0.1));
        assertClose(new double[] {-3.289284947011523, 1.5864265062175955, -1.221466999096308, 4.021467884292038,
                -2.429871486907784, 3.595109655436104}, out[0]);
        assertArrayEquals(new double[] {1, 2, 3}, out[1], 0.0);
    }
}
