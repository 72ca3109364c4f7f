// OpenSSL's message digests (EVP), for checksums of downloaded files.
#include <openssl/evp.h>
