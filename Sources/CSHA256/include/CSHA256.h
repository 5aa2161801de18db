// SHA-256 block compression with the x86 SHA extensions, for EduCheckCore's SHA256.
// The padding, the buffering and the portable fallback stay in Swift; this is only the hot loop.
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

// Swift sees the pointers as non-optional.
#if defined(__clang__)
#pragma clang assume_nonnull begin
#endif

/// 1 when this CPU has the SHA extensions and SSSE3 and SSE4.1 (which the compression also
/// uses), so `educheck_sha256_compress_blocks` may be called; 0 otherwise, and always 0 on
/// anything but x86-64.
int educheck_sha256_hardware_available(void);

/// Runs the SHA-256 compression function over `count` consecutive 64-byte blocks, updating the
/// eight state words (a…h, in FIPS 180-4 order) in place. Only call it when
/// `educheck_sha256_hardware_available()` returns 1; elsewhere it does nothing.
void educheck_sha256_compress_blocks(uint32_t *state, const uint8_t *blocks, size_t count);

#if defined(__clang__)
#pragma clang assume_nonnull end
#endif

#endif
