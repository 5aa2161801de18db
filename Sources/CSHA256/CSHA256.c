// SHA-256 compression with the x86 SHA extensions (SHA-NI), following Intel's description of
// the instructions: SHA256RNDS2 does two rounds, SHA256MSG1 and SHA256MSG2 the message schedule.
// Only the compression function uses them, through `target` attributes, so the package needs no
// -m flags and the rest of it still runs on CPUs without the extensions.
#include "CSHA256.h"

#if defined(__x86_64__)

#include <cpuid.h>
#include <immintrin.h>

int educheck_sha256_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int ssse3 = (ecx >> 9) & 1;
    const int sse41 = (ecx >> 19) & 1;
    // __get_cpuid_count fails when leaf 7 is beyond the CPU's highest leaf.
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const int sha = (ebx >> 29) & 1;
    return ssse3 && sse41 && sha;
}

// The round constants K0…K63, four to a vector load.
static const uint32_t round_constants[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// Rounds 4·quad … 4·quad+3, whose message words are `w`. SHA256RNDS2 does two rounds on a state
// split into ABEF and CDGH, taking W+K for both from the low half of its third operand. Two
// rounds turn the old A, B, E, F into the new C, D, G, H, so the first call leaves the new ABEF
// in `cdgh` while `abef` holds the new CDGH, and the second call puts them back in their places.
#define FOUR_ROUNDS(quad, w)                                                                    \
    do {                                                                                        \
        const __m128i k = _mm_load_si128((const __m128i *)&round_constants[4 * (quad)]);        \
        const __m128i wk = _mm_add_epi32((w), k);                                               \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                                           \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0e));                  \
    } while (0)

// The next four schedule words W[t…t+3] into w0, which holds W[t-16…t-13] on entry; w1, w2 and
// w3 hold W[t-12…t-9], W[t-8…t-5] and W[t-4…t-1]. SHA256MSG1 adds σ0(W[t-15…t-12]) to W[t-16…],
// the alignr supplies W[t-7…t-4], and SHA256MSG2 adds σ1 of W[t-2], W[t-1] and of the two words
// it has just made.
#define NEXT_SCHEDULE_WORDS(w0, w1, w2, w3)                                                     \
    (w0) = _mm_sha256msg2_epu32(                                                                \
        _mm_add_epi32(_mm_sha256msg1_epu32((w0), (w1)), _mm_alignr_epi8((w3), (w2), 4)), (w3))

__attribute__((target("sha,sse4.1,ssse3")))
void educheck_sha256_compress_blocks(uint32_t *state, const uint8_t *blocks, size_t count) {
    // Message words are big-endian: reverse the bytes of each 32-bit lane.
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    // Vector names list the lanes from the highest to the lowest, as Intel's documentation does:
    // abef holds A in lane 3 and F in lane 0. state[0…3] is A B C D and state[4…7] E F G H.
    const __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    const __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    const __m128i cdab = _mm_shuffle_epi32(dcba, 0xb1);
    const __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xf0);

    for (; count > 0; count--, blocks += 64) {
        const __m128i abef_before = abef;
        const __m128i cdgh_before = cdgh;

        // Rounds 0–15 use the block's own sixteen words.
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 0)), byte_swap);
        FOUR_ROUNDS(0, w0);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16)), byte_swap);
        FOUR_ROUNDS(1, w1);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 32)), byte_swap);
        FOUR_ROUNDS(2, w2);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 48)), byte_swap);
        FOUR_ROUNDS(3, w3);

        // Rounds 16–63: each group of four words replaces the oldest group, so the four
        // registers take turns.
        for (int quad = 4; quad < 16; quad += 4) {
            NEXT_SCHEDULE_WORDS(w0, w1, w2, w3);
            FOUR_ROUNDS(quad, w0);
            NEXT_SCHEDULE_WORDS(w1, w2, w3, w0);
            FOUR_ROUNDS(quad + 1, w1);
            NEXT_SCHEDULE_WORDS(w2, w3, w0, w1);
            FOUR_ROUNDS(quad + 2, w2);
            NEXT_SCHEDULE_WORDS(w3, w0, w1, w2);
            FOUR_ROUNDS(quad + 3, w3);
        }

        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    // Back to A B C D and E F G H.
    const __m128i feba = _mm_shuffle_epi32(abef, 0x1b);
    const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xb1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xf0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#else

int educheck_sha256_hardware_available(void) { return 0; }

void educheck_sha256_compress_blocks(uint32_t *state, const uint8_t *blocks, size_t count) {
    (void)state;
    (void)blocks;
    (void)count;
}

#endif
