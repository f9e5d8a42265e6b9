/**
 * Nest turns Fastify's own errors (body parsing, size limit, content type) into HttpExceptions that
 * carry Fastify's English message; these are the ones a client can cause, worded for the API.
 */
const FASTIFY_MESSAGES: Array<[RegExp, string]> = [
  [/^Body is not valid JSON/, "Le corps de la requête n'est pas un JSON valide"],
  [/^Body cannot be empty/, 'Le corps de la requête est vide alors que son type est application/json'],
  [/^Request body is too large/, 'Le corps de la requête dépasse la taille autorisée'],
  [/^Unsupported Media Type/, "Type de contenu non supporté: envoyez 'application/json'"],
  [/^Request body size did not match Content-Length/, 'La taille du corps ne correspond pas à Content-Length'],
];

export function translateFastifyMessage(message: string): string {
  for (const [pattern, french] of FASTIFY_MESSAGES) if (pattern.test(message)) return french;
  return message;
}

/**
 * The client went away while its body was being read (an aborted upload, or one cut off by
 * REQUEST_TIMEOUT_SECONDS): Node fails the body stream with `ECONNRESET "aborted"`. Not a server
 * fault, and nobody is left to answer.
 */
export function isAbortedUpload(exception: unknown, rawRequest: { destroyed?: boolean }): boolean {
  // Not `instanceof Error`: Node's own errors may come from another realm (Jest's VM contexts).
  const error = exception as Partial<NodeJS.ErrnoException> | null | undefined;
  return error?.code === 'ECONNRESET' && error.message === 'aborted' && rawRequest.destroyed === true;
}
