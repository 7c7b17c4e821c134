package org.jgrad.nn;

import java.util.List;
import org.jgrad.autodiff.Tensor;

/** Modules applied one after another; children are named "0", "1", … as in PyTorch. */
public final class Sequential extends Module {

    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module; returns this. */
    public Sequential add(Module module) {
        child(Integer.toString(children().size()), module);
        return this;
    }

    /** The i-th module. */
    public Module get(int i) {
        return List.copyOf(children().values()).get(i);
    }

    public int size() {
        return children().size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : children().values()) {
            x = m.forward(x);
        }
        return x;
    }
}
