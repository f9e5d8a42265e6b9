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
