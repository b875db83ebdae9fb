/**
 * Size limits of the API, in one place so they agree: the largest file the API accepts (an
 * inventory import, carried as base64 inside the JSON body) must fit the web host's body limit.
 * Pure: the renderer reads these through the contract.
 */

/** Upper bound of an import file. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The same file as base64 text (4 characters per 3 bytes, padded). */
export const MAX_IMPORT_BASE64_CHARS = 4 * Math.ceil(MAX_IMPORT_BYTES / 3);

/** The web host's request body limit: the largest file plus room for the rest of the call. */
export const API_BODY_LIMIT_BYTES = MAX_IMPORT_BASE64_CHARS + 1024 * 1024;

/**
 * The largest message on web mode's API socket (api-socket.ts): the calls made while serving a customer are
 * far smaller; a larger call (an import file) goes as POST /api/invoke with the body limit above.
 */
export const API_SOCKET_MESSAGE_LIMIT_BYTES = 1024 * 1024;

/**
 * The longest call text (JSON, UTF-16 code units) the renderer sends on the socket: at most 3 bytes of UTF-8
 * per code unit, so it always fits API_SOCKET_MESSAGE_LIMIT_BYTES with the envelope.
 */
export const API_SOCKET_CALL_MAX_CHARS = Math.floor(API_SOCKET_MESSAGE_LIMIT_BYTES / 3) - 1024;
