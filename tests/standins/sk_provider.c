/*
 * A security key provider (OpenSSH's sk-api.h, version 10) that misbehaves
 * on request, for sshgen's tests: SK_TEST_MODE in the environment says how.
 *
 *   (unset)      enrolment makes a fixed Ed25519 key; two resident keys
 *   version      declares API version 9
 *   general      every call fails with SSH_SK_ERR_GENERAL
 *   short-key    enrolment returns an Ed25519 key of 31 bytes
 *   no-handle    enrolment returns no key handle
 *   off-curve    enrolment returns an ECDSA point that is not on P-256
 *   pin          enrolment wants the PIN 1234
 *   bad-sig      signing returns a signature that does not verify
 *   no-answer    calls succeed but return no answer
 *   many         sk_load_resident_keys claims 100000 keys
 *
 * Built by the tests with `cc -shared -fPIC`; it signs nothing for real.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct sk_enroll_response {
	uint8_t flags;
	uint8_t *public_key;
	size_t public_key_len;
	uint8_t *key_handle;
	size_t key_handle_len;
	uint8_t *signature;
	size_t signature_len;
	uint8_t *attestation_cert;
	size_t attestation_cert_len;
	uint8_t *authdata;
	size_t authdata_len;
};

struct sk_sign_response {
	uint8_t flags;
	uint32_t counter;
	uint8_t *sig_r;
	size_t sig_r_len;
	uint8_t *sig_s;
	size_t sig_s_len;
};

struct sk_resident_key {
	uint32_t alg;
	size_t slot;
	char *application;
	struct sk_enroll_response key;
	uint8_t flags;
	uint8_t *user_id;
	size_t user_id_len;
};

struct sk_option;

static int
mode(const char *name)
{
	const char *m = getenv("SK_TEST_MODE");

	return m != NULL && strcmp(m, name) == 0;
}

static uint8_t *
filled(size_t len, uint8_t value)
{
	uint8_t *p = malloc(len);

	if (p != NULL)
		memset(p, value, len);
	return p;
}

uint32_t
sk_api_version(void)
{
	return mode("version") ? 0x00090000 : 0x000a0000;
}

/* The generator of P-256, uncompressed: a point on the curve. */
static const uint8_t p256_g[65] = {
	0x04,
	0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5,
	0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0,
	0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96,
	0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a,
	0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce,
	0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5,
};

static void
fill_key(struct sk_enroll_response *r, uint32_t alg, uint8_t seed)
{
	if (alg == 0) {
		r->public_key = malloc(sizeof(p256_g));
		memcpy(r->public_key, p256_g, sizeof(p256_g));
		r->public_key_len = sizeof(p256_g);
		if (mode("off-curve"))
			r->public_key[64] ^= 1;
	} else {
		r->public_key_len = mode("short-key") ? 31 : 32;
		r->public_key = filled(r->public_key_len, seed);
	}
	if (!mode("no-handle")) {
		r->key_handle = filled(16, seed);
		r->key_handle_len = 16;
	}
}

int
sk_enroll(uint32_t alg, const uint8_t *challenge, size_t challenge_len,
    const char *application, uint8_t flags, const char *pin,
    struct sk_option **options, struct sk_enroll_response **enroll_response)
{
	struct sk_enroll_response *r;

	(void)challenge; (void)challenge_len; (void)application; (void)options;
	*enroll_response = NULL;
	if (mode("general"))
		return -1;
	if (mode("pin") && (pin == NULL || strcmp(pin, "1234") != 0))
		return -3;
	if (mode("no-answer"))
		return 0;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return -1;
	r->flags = flags;
	fill_key(r, alg, 7);
	r->signature = filled(8, 1);
	r->signature_len = 8;
	r->attestation_cert = filled(4, 2);
	r->attestation_cert_len = 4;
	r->authdata = filled(2, 3);
	r->authdata_len = 2;
	*enroll_response = r;
	return 0;
}

int
sk_sign(uint32_t alg, const uint8_t *data, size_t data_len,
    const char *application, const uint8_t *key_handle, size_t key_handle_len,
    uint8_t flags, const char *pin, struct sk_option **options,
    struct sk_sign_response **sign_response)
{
	struct sk_sign_response *r;

	(void)data; (void)data_len; (void)application; (void)key_handle;
	(void)key_handle_len; (void)pin; (void)options;
	*sign_response = NULL;
	if (mode("general"))
		return -1;
	if (mode("no-answer"))
		return 0;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return -1;
	r->flags = flags;
	r->counter = 1;
	r->sig_r = filled(alg == 0 ? 32 : 64, 5);
	r->sig_r_len = alg == 0 ? 32 : 64;
	if (alg == 0) {
		r->sig_s = filled(32, 6);
		r->sig_s_len = 32;
	}
	*sign_response = r;
	return 0;
}

static struct sk_resident_key *
resident(uint32_t alg, const char *application, const char *user, uint8_t seed)
{
	struct sk_resident_key *k = calloc(1, sizeof(*k));

	k->alg = alg;
	k->application = strdup(application);
	fill_key(&k->key, alg, seed);
	k->flags = 0x01 | 0x20;
	/* Devices pad the user id with zeros. */
	k->user_id = calloc(1, 32);
	k->user_id_len = 32;
	memcpy(k->user_id, user, strlen(user));
	return k;
}

int
sk_load_resident_keys(const char *pin, struct sk_option **options,
    struct sk_resident_key ***rks, size_t *nrks)
{
	struct sk_resident_key **keys;

	(void)pin; (void)options;
	*rks = NULL;
	*nrks = 0;
	if (mode("general"))
		return -1;
	if (mode("no-answer"))
		return 0;
	if ((keys = calloc(3, sizeof(*keys))) == NULL)
		return -1;
	keys[0] = resident(1, "ssh:", "", 9);
	keys[1] = resident(0, "ssh:work", "bob", 11);
	/* Not an SSH key: skipped, as OpenSSH skips it. */
	keys[2] = resident(1, "webauthn:example.com", "web", 13);
	*rks = keys;
	*nrks = mode("many") ? 100000 : 3;
	if (mode("many")) {
		/* Claim many, hold three: sshgen must refuse before reading on. */
		return 0;
	}
	return 0;
}
