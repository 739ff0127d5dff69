/*
 * Reference outputs for the Sampling module's generators.
 *
 * Re-implements, statement for statement, the authors' public-domain reference code:
 *   splitmix64.c          (Sebastiano Vigna, 2015; algorithm of Steele, Lea & Flood 2014)
 *   xoshiro256starstar.c  (David Blackman & Sebastiano Vigna, 2018), https://prng.di.unimi.it/
 * Seeding follows the authors' recommendation: the four state words are the first four outputs of a
 * splitmix64 generator started at the 64-bit seed.
 *
 * Output (CSV, one row per value, decimal unsigned 64-bit integers):
 *   kind,seed,index,value
 * kind = splitmix64 | xoshiro256starstar | after_jump | after_long_jump
 */
#include <stdint.h>
#include <stdio.h>

static uint64_t sm_state;

static uint64_t splitmix64_next(void) {
    uint64_t z = (sm_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t s[4];

static inline uint64_t rotl(const uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t xoshiro_next(void) {
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static void apply_jump(const uint64_t jump[4]) {
    uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int i = 0; i < 4; i++)
        for (int b = 0; b < 64; b++) {
            if (jump[i] & (UINT64_C(1) << b)) {
                s0 ^= s[0];
                s1 ^= s[1];
                s2 ^= s[2];
                s3 ^= s[3];
            }
            xoshiro_next();
        }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
}

static const uint64_t JUMP[4] = {0x180ec6d33cfd0abaULL, 0xd5a61266f0c9392cULL, 0xa9582618e03fc9aaULL,
                                 0x39abdc4529b1661cULL};
static const uint64_t LONG_JUMP[4] = {0x76e15d3efefdcbbfULL, 0xc5004e441c522fb3ULL, 0x77710069854ee241ULL,
                                      0x39109bb02acbe635ULL};

static void seed_xoshiro(uint64_t seed) {
    sm_state = seed;
    for (int i = 0; i < 4; i++) s[i] = splitmix64_next();
}

int main(void) {
    const uint64_t seeds[] = {0ULL, 1ULL, 42ULL, 20260101ULL, 0xffffffffffffffffULL};
    const int nseeds = sizeof seeds / sizeof *seeds;
    const int count = 10;
    printf("kind,seed,index,value\n");
    for (int j = 0; j < nseeds; j++) {
        sm_state = seeds[j];
        for (int i = 0; i < count; i++)
            printf("splitmix64,%llu,%d,%llu\n", (unsigned long long)seeds[j], i,
                   (unsigned long long)splitmix64_next());
    }
    for (int j = 0; j < nseeds; j++) {
        seed_xoshiro(seeds[j]);
        for (int i = 0; i < count; i++)
            printf("xoshiro256starstar,%llu,%d,%llu\n", (unsigned long long)seeds[j], i,
                   (unsigned long long)xoshiro_next());
    }
    for (int j = 0; j < nseeds; j++) {
        seed_xoshiro(seeds[j]);
        apply_jump(JUMP);
        for (int i = 0; i < count; i++)
            printf("after_jump,%llu,%d,%llu\n", (unsigned long long)seeds[j], i,
                   (unsigned long long)xoshiro_next());
    }
    for (int j = 0; j < nseeds; j++) {
        seed_xoshiro(seeds[j]);
        apply_jump(LONG_JUMP);
        for (int i = 0; i < count; i++)
            printf("after_long_jump,%llu,%d,%llu\n", (unsigned long long)seeds[j], i,
                   (unsigned long long)xoshiro_next());
    }
    return 0;
}
