/* sanitized.h — whether the test is built under AddressSanitizer. */
#ifndef LOTSE_TESTS_SANITIZED_H
#define LOTSE_TESTS_SANITIZED_H

/* 1 in a build under AddressSanitizer (tests/sanitize.sh: the test
 * programs and the lotse binary alike), else 0. A big-size test there
 * needs to prove memory safety, not carry its full size: it may take a
 * smaller one (ASan makes the code several times slower, and the suite
 * runs on two loaded cores); the normal build keeps the full size. */
#if defined(__SANITIZE_ADDRESS__)
#define LOTSE_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LOTSE_TEST_SANITIZED 1
#endif
#endif
#ifndef LOTSE_TEST_SANITIZED
#define LOTSE_TEST_SANITIZED 0
#endif

#endif
