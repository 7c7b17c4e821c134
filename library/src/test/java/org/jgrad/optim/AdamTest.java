package org.jgrad.optim;

import static org.jgrad.optim.OptimTesting.assertClose;
import static org.jgrad.optim.OptimTesting.fixedGradientProblem;
import static org.jgrad.optim.OptimTesting.quadraticPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Adam and AdamW. */
class AdamTest {

    @Test
    void adamDefaultsMatchHandAndTorch() {
        // step 1: m̂ = g, v̂ = g², θ ← θ − 1e−3·g/(|g| + 1e−8): θ₀ = 1 − 1e−3/(1 + 1e−8)
        double[][] torch = {{0.99900000001, -1.9990000000008334}, {0.9980000262238367, -1.998000013069025},
                {0.9970000960801475, -1.997000047892272}, {0.9960002269457763, -1.9960001131161424},
                {0.9950004360774127, -1.9950002173250905}};
        double[][] path = quadraticPath(Adam::new);
        assertClose(torch, path);
        assertEquals(1 - 1e-3 / (1 + 1e-8), path[0][0], 1e-15);
    }

    @Test
    void adamStepsWrittenOutByHand() {
        // An independent computation of the reference formulas for θ₀ (gradient θ₀), betas (0.5, 0.9),
        // lr 0.1, eps 1e−3, three steps.
        double theta = 1, m = 0, v = 0;
        double[] expected = new double[3];
        for (int t = 1; t <= 3; t++) {
            double g = theta;
            m = 0.5 * m + 0.5 * g;
            v = 0.9 * v + 0.1 * g * g;
            double mHat = m / (1 - Math.pow(0.5, t));
            double vHat = v / (1 - Math.pow(0.9, t));
            theta = theta - 0.1 * mHat / (Math.sqrt(vHat) + 1e-3);
            expected[t - 1] = theta;
        }
        double[][] path = quadraticPath(p -> new Adam(p).lr(0.1).betas(0.5, 0.9).eps(1e-3), 3);
        for (int t = 0; t < 3; t++) {
            assertEquals(expected[t], path[t][0], 1e-15);
        }
    }

    @Test
    void adamBetasAndEpsMatchTorch() {
        double[][] torch = {{0.9000999000999, -1.9000083326389468}, {0.801819672270123, -1.8007700943966969},
                {0.7062851991858976, -1.7027537287877526}, {0.614553255100296, -1.6063563254591493},
                {0.5275611956159486, -1.5118906742210239}};
        assertClose(torch, quadraticPath(p -> new Adam(p).lr(0.1).betas(0.5, 0.9).eps(1e-3)));
    }

    @Test
    void adamL2WeightDecayMatchesTorch() {
        // step 1: g = [1, −12] + 0.1·[1, −2] = [1.1, −12.2]; Adam's first step is ≈ lr·sign(g): [0.9, −1.9]
        double[][] torch = {{0.9000000009090909, -1.9000000000819672}, {0.8004122295267844, -1.8001664857760116},
                {0.7015862742210722, -1.7006233915318487}, {0.6039390622987693, -1.6015048945970505},
                {0.5079636614430609, -1.5029557804226032}};
        assertClose(torch, quadraticPath(p -> new Adam(p).lr(0.1).weightDecay(0.1)));
    }

    @Test
    void adamWDecoupledWeightDecayMatchesHandAndTorch() {
        // step 1: θ ← (1 − 0.1·0.1)θ = [0.99, −1.98], then the Adam step on the raw g ≈ 0.1·sign(g): [0.89, −1.88]
        double[][] torch = {{0.890000001, -1.8800000000833332}, {0.781571856954161, -1.7614089502485435},
                {0.6751012231892006, -1.6443686830529762}, {0.5710475992066121, -1.5290327105873267},
                {0.4699526596188067, -1.415566479090495}};
        double[][] path = quadraticPath(p -> new AdamW(p).lr(0.1).weightDecay(0.1));
        assertClose(torch, path);
        assertEquals(0.99 - 0.1 / (1 + 1e-8), path[0][0], 1e-15);
    }

    @Test
    void adamWDefaultsDecayByOnePercentOfLr() {
        double[][] torch = {{0.99899000001, -1.9989800000008335}, {0.9979800365872719, -1.997960023531077},
                {0.9969701273454019, -1.9969400794524141}, {0.9959602898252821, -1.995920176583463},
                {0.9949505414563626, -1.994900323680413}};
        assertClose(torch, quadraticPath(AdamW::new));
    }

    @Test
    void coupledAndDecoupledWeightDecayGiveDifferentPaths() {
        double[][] adam = quadraticPath(p -> new Adam(p).lr(0.1).weightDecay(0.1));
        double[][] adamW = quadraticPath(p -> new AdamW(p).lr(0.1).weightDecay(0.1));
        assertTrue(Math.abs(adam[4][0] - adamW[4][0]) > 0.03, adam[4][0] + " vs " + adamW[4][0]);
        // and with no weight decay AdamW is Adam
        assertArrayEquals(quadraticPath(p -> new Adam(p).lr(0.1)), quadraticPath(p -> new AdamW(p).lr(0.1).weightDecay(0)));
    }

    @Test
    void amsgradDividesByTheLargestSecondMomentLikeTorch() {
        // β₂ = 0.5 lets v fall within a few steps, where AMSGrad keeps the larger denominator
        double[][] torch = {{0.500000005, -1.5000000004166667}, {0.04877821419159234, -0.9840810180188068},
                {-0.27065920667453525, -0.5159463158793509}, {-0.45127728538111, -0.12245873511903727},
                {-0.5133505264097651, 0.18995282333240687}};
        double[][] torchWithout = {{0.500000005, -1.5000000004166667}, {-0.021026037050983715, -0.9840810180188068},
                {-0.5145524794454412, -0.4353668477721995}, {-0.6922848984565559, 0.16808756365716937},
                {-0.6615673115267755, 0.783175561750258}};
        assertClose(torch, quadraticPath(p -> new Adam(p).lr(0.5).betas(0.9, 0.5).amsgrad(true)));
        assertClose(torchWithout, quadraticPath(p -> new Adam(p).lr(0.5).betas(0.9, 0.5)));
        double[][] adam = fixedGradientProblem(p -> new Adam(p).lr(0.1).betas(0.9, 0.5).weightDecay(0.1).amsgrad(true));
        assertClose(new double[] {0.22703558010643882, -0.725932323894001, 1.6992822220721409, 0.5182844250034357,
                -0.19136959439227352, -0.029553727555553383}, adam[0]);
        double[][] adamW = fixedGradientProblem(p -> new AdamW(p).lr(0.1).betas(0.9, 0.5).amsgrad(true));
        assertClose(new double[] {0.22902137716804669, -0.729270858474709, 1.6943059039940018, 0.5187308690348179,
                -0.19422242612558788, -0.029620773102056894}, adamW[0]);
        assertTrue(new Adam(org.jgrad.autodiff.Tensor.of(1.0)).amsgrad(true).toString().contains("amsgrad=true"));
    }

    @Test
    void fluentSettersOfAdamWReturnAdamW() {
        AdamW opt = new AdamW(org.jgrad.autodiff.Tensor.of(1.0)).lr(0.1).betas(0.8, 0.99).eps(1e-6).weightDecay(0.5);
        assertEquals(0.5, opt.weightDecay());
        assertEquals(0.8, opt.beta1());
        assertEquals(0.99, opt.beta2());
        assertEquals(1e-6, opt.eps());
    }

    @Test
    void severalParametersWithFixedGradientsMatchTorch() {
        double[][] adam = fixedGradientProblem(p -> new Adam(p).lr(0.1).weightDecay(0.1));
        assertClose(new double[] {0.2058281512147107, -0.7165187875910243, 1.700147709946864, 0.5414185079821168,
                -0.1898669052411367, -0.007270013382548929}, adam[0]);
        assertArrayEquals(new double[] {1, 2, 3}, adam[1], 0.0);
        double[][] adamW = fixedGradientProblem(p -> new AdamW(p).lr(0.1).weightDecay(0.1));
        assertClose(new double[] {0.19578636379275563, -0.6926873663680299, 1.6435880059402008, 0.5319378828277755,
                -0.1908458987259783, -0.001726559061499322}, adamW[0]);
        assertArrayEquals(new double[] {1, 2, 3}, adamW[1], 0.0);
    }
}
