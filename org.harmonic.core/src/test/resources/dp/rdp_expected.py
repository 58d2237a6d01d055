#!/usr/bin/python3
"""Expected values for RdpAccountantTest, computed independently of the Java code.

Run with Debian's python3 (python3-scipy, python3-mpmath):
    /usr/bin/python3 rdp_expected.py > rdp_expected.csv

The RDP of one step of the sampled Gaussian mechanism at order alpha is
log(A_alpha) / (alpha - 1) with (Mironov, Talwar, Zhang 2019, definition of A_alpha)
    A_alpha = E_{z ~ N(0, sigma^2)} [ ((1 - q) + q * exp((2z - 1) / (2 sigma^2)))^alpha ].
Here A_alpha is obtained two ways that share no code with the Java accountant:
  * by numerical integration of that expectation with mpmath.quad at 50 significant digits
    (every order, integer or fractional);
  * for integer orders also by the binomial closed form with scipy.special.binom/logsumexp;
the two must agree to 1e-9 relative, else the script stops.
T steps compose additively; epsilon at delta uses Balle et al. 2020 (theorem 21):
    eps = min_alpha rdp(alpha) + log((alpha - 1) / alpha) - (log(delta) + log(alpha)) / (alpha - 1)
and the classic conversion rdp + log(1/delta)/(alpha - 1) is printed too.
Output rows: kind,q,sigma,steps,delta_or_order,value
"""
import math
import mpmath as mp
import numpy as np
from scipy.special import binom, logsumexp

mp.mp.dps = 50
ORDERS = [1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5] + list(range(5, 64)) + [64, 128, 256, 512]


def log_a_quad(q, sigma, alpha):
    q, sigma, alpha = mp.mpf(q), mp.mpf(sigma), mp.mpf(alpha)

    def integrand(z):
        density = mp.exp(-z * z / (2 * sigma * sigma)) / (sigma * mp.sqrt(2 * mp.pi))
        ratio = (1 - q) + q * mp.exp((2 * z - 1) / (2 * sigma * sigma))
        return density * ratio ** alpha
    # the integrand's mass sits near 0 (the Gaussian) and near alpha (where the tilt peaks)
    points = [-mp.inf, -20 * sigma, 0, 0.5, alpha / 2, alpha, alpha + 20 * sigma, mp.inf]
    points = sorted(set(points), key=lambda p: float(p))
    return float(mp.log(mp.quad(integrand, points)))


def log_a_binomial(q, sigma, alpha):
    k = np.arange(alpha + 1, dtype=float)
    terms = np.log(binom(alpha, k)) + k * math.log(q) + (alpha - k) * math.log1p(-q) + (k * k - k) / (2 * sigma ** 2)
    return float(logsumexp(terms))


def step_rdp(q, sigma, alpha):
    quad = log_a_quad(q, sigma, alpha)
    if float(alpha).is_integer() and alpha <= 256:
        closed = log_a_binomial(q, sigma, int(alpha))
        assert abs(quad - closed) <= 1e-9 * max(1.0, abs(closed)), (q, sigma, alpha, quad, closed)
    return quad / (alpha - 1)


def epsilon(rdp, delta):
    return min(r + math.log((a - 1) / a) - (math.log(delta) + math.log(a)) / (a - 1) for r, a in zip(rdp, ORDERS))


def classic(rdp, delta):
    return min(r - math.log(delta) / (a - 1) for r, a in zip(rdp, ORDERS))


# (q, sigma, steps, delta): German credit with batch 8 (q = 8/700), 3 epochs (263 steps) at delta 1/700;
# MNIST-like DP-SGD (q = 256/60000, 60 epochs); a large-q setting; a tiny-sigma setting.
SETTINGS = [
    (8 / 700, 0.7, 263, 1 / 700),
    (8 / 700, 1.0, 263, 1 / 700),
    (256 / 60000, 1.1, 14063, 1e-5),
    (0.1, 2.0, 100, 1e-5),
    (0.01, 0.6, 1000, 1e-6),
]
print("kind,q,sigma,steps,delta_or_order,value")
for q, sigma, steps, delta in SETTINGS:
    per_step = []
    for a in ORDERS:
        # the largest orders only matter for very small q; the quadrature stays cheap enough
        per_step.append(step_rdp(q, sigma, a))
    rdp = [steps * r for r in per_step]
    for a, r in zip(ORDERS, per_step):
        if a in (1.5, 2, 2.5, 4.5, 8, 32, 64, 256):
            print(f"step_rdp,{q!r},{sigma!r},1,{a!r},{r!r}")
    print(f"epsilon,{q!r},{sigma!r},{steps},{delta!r},{epsilon(rdp, delta)!r}")
    print(f"classic_epsilon,{q!r},{sigma!r},{steps},{delta!r},{classic(rdp, delta)!r}")
