"""Writes the mixed table of bench/knn to the CSV named by argv[1]: 26,048 rows shaped like Adult
(issue 13): 8 categorical columns with 2-41 values drawn with skewed (Zipf-like) frequencies and
6 integer-valued numeric columns with peaks (hours 40, capital gain 0), plus a binary target.
Label codes dominate the distance and the peaks make exact distance ties common, the slow case of
the neighbour search. Standard library only, fixed seed: the same file on every machine."""
import csv
import random
import sys

ROWS = 26048
rng = random.Random(13)


def zipf_choice(values, exponent=1.3):
    weights = [1 / (i + 1) ** exponent for i in range(len(values))]
    return rng.choices(values, weights)[0]


def profiled(values, exponent, profile):
    """Mostly the profile's own value (columns are correlated, as marital status and relationship
    are in Adult), else a skewed draw: most rows share their categories with many others."""
    if rng.random() < 0.8:
        return values[(profile * 7) % len(values) if profile % 3 else 0]
    return zipf_choice(values, exponent)


def names(prefix, count):
    return [f"{prefix}-{i:02d}" for i in range(count)]


workclass = names("work", 9)
education = names("edu", 16)
marital = names("marital", 7)
occupation = names("occ", 15)
relationship = names("rel", 6)
race = names("race", 5)
sex = ["Female", "Male"]
country = names("country", 41)

with open(sys.argv[1], "w", newline="") as f:
    out = csv.writer(f)
    out.writerow(["age", "workclass", "education", "education_num", "marital_status", "occupation",
                  "relationship", "race", "sex", "capital_gain", "capital_loss", "hours_per_week",
                  "native_country", "years_employed", "income"])
    profiles = list(range(30))
    for _ in range(ROWS):
        profile = zipf_choice(profiles, 1.2)
        age = min(90, 17 + int(rng.gammavariate(2.2, 9)))
        edu = profiled(education, 1.1, profile)
        edu_num = 1 + (education.index(edu) * 7) % 16  # a function of education, as in Adult
        gain = 0 if rng.random() < 0.92 else rng.choice([2174, 3103, 5178, 7298, 7688, 15024, 99999])
        loss = 0 if rng.random() < 0.95 else rng.choice([1485, 1602, 1887, 1902, 1977, 2415])
        hours = 40 if rng.random() < 0.5 else max(1, min(99, int(rng.gauss(40, 12))))
        years = min(age - 16, int(rng.expovariate(1 / 6)))
        income = ">50K" if rng.random() < 0.1 + 0.3 * (edu_num > 10) + 0.2 * (gain > 0) else "<=50K"
        out.writerow([age, profiled(workclass, 2.0, profile), edu, edu_num, profiled(marital, 1.2, profile),
                      profiled(occupation, 0.8, profile), profiled(relationship, 1.2, profile),
                      zipf_choice(race, 2.5), profiled(sex, 1.0, profile), gain, loss, hours,
                      zipf_choice(country, 3.0), years, income])
