/**
 * Optimizers and learning-rate schedules, with PyTorch's names, defaults and update rules
 * ({@code torch.optim}).
 *
 * <ul>
 *   <li>{@link org.jgrad.optim.Optimizer}: the base; {@code zeroGrad()}, {@code step()},
 *       {@code lr()}/{@code setLr(double)}, per-parameter {@link org.jgrad.optim.Optimizer.State}.</li>
 *   <li>{@link org.jgrad.optim.SGD} (momentum, Nesterov, weight decay, gradient noise),
 *       {@link org.jgrad.optim.Adagrad}, {@link org.jgrad.optim.RMSprop} (plain and centered),
 *       {@link org.jgrad.optim.Adam}, {@link org.jgrad.optim.AdamW}, {@link org.jgrad.optim.NAdam}.</li>
 *   <li>{@link org.jgrad.optim.StepLR}, {@link org.jgrad.optim.ExponentialLR},
 *       {@link org.jgrad.optim.LambdaLR} on the base {@link org.jgrad.optim.LRScheduler}.</li>
 * </ul>
 *
 * Every optimizer is configured with fluent setters that return it:
 * <pre>{@code
 * Tensor xy = Tensor.of(1.0, -2.0).requiresGrad(true);       // a point on a 2-D loss surface
 * var opt = new SGD(xy).lr(0.1).momentum(0.9).nesterov(true);
 * var schedule = new ExponentialLR(opt, 0.95);
 * for (int step = 0; step < 50; step++) {
 *     opt.zeroGrad();
 *     loss(xy).backward();
 *     opt.step();
 *     schedule.step();
 * }
 * }</pre>
 */
package org.jgrad.optim;
