// What the Interchange API's HTTP answer means to the person who sent the document (seed: 200 is success, 4xx and
// 5xx are errors with a body): the status in words, the server's body as text, and what to do about a refusal.
import type { MessageProblem } from '../../../../shared/ipc';

/** The part of the server's body shown and stored with the message. */
export const ANSWER_TEXT_BYTES = 64 * 1024;

export interface PageroAnswer {
  status: number;
  contentType: string | null;
  body: string;
  bodyTruncated: boolean;
  meaning: string;
}

const GUIDANCE: Record<number, string> = {
  400: 'Pagero found the request malformed: check that the document matches the profile\'s document type and that its content type fits the payload.',
  401: 'Pagero did not accept the login: check the user name and password (and for OAuth2 the client id and secret) of the profile.',
  403: 'The account may not send this document type or send mode: ask Pagero which ones your setup allows.',
  404: 'There is no such Interchange endpoint: check the base URL, the document type and the send mode of the profile.',
  405: 'The URL does not take documents: check the base URL of the profile.',
  408: 'Pagero gave up waiting for the document: try again, on a faster connection for large files.',
  409: 'Pagero already has a document with this interchange id: send it again with a new one.',
  413: 'The document is too large for Pagero: split it or ask Pagero for the size limit.',
  415: 'Pagero does not take this content type: send the file as binary (application/octet-stream) or in the format agreed.',
  429: 'Pagero is limiting requests: wait a minute, then send again.',
};

/** The body as text (UTF-8; binary bodies are described, not shown), at most ANSWER_TEXT_BYTES of it. */
function bodyText(body: Buffer, contentType: string | null): { text: string; truncated: boolean } {
  const slice = body.subarray(0, ANSWER_TEXT_BYTES);
  const textual = !contentType || /^(text\/|application\/(json|xml|problem\+json|problem\+xml)|[^;]*\+(json|xml))/i.test(contentType);
  const text = slice.toString('utf8');
  if (!textual || text.includes('\u0000')) return { text: `(${body.length} bytes of ${contentType ?? 'binary data'})`, truncated: false };
  return { text, truncated: body.length > ANSWER_TEXT_BYTES };
}

export function pageroAnswer(status: number, contentType: string | null, body: Buffer, interchangeId: string): PageroAnswer {
  const { text, truncated } = bodyText(body, contentType);
  let meaning: string;
  if (status >= 200 && status < 300) meaning = `Delivered: Pagero accepted interchange ${interchangeId} (HTTP ${status}).`;
  else if (status >= 300 && status < 400) meaning = `Pagero answered with a redirect (HTTP ${status}); nothing was delivered. Check the base URL of the profile.`;
  else if (status >= 500) meaning = `Pagero had a problem (HTTP ${status}); nothing was delivered. Send the document again later with a new interchange id.`;
  else meaning = `Pagero refused the document (HTTP ${status}). ${GUIDANCE[status] ?? 'Read the answer below; it says what Pagero objects to.'}`;
  return { status, contentType, body: text, bodyTruncated: truncated, meaning };
}

export const delivered = (answer: PageroAnswer): boolean => answer.status >= 200 && answer.status < 300;

/** The refusal as the message's problem: what happened and what to check. */
export function answerProblem(answer: PageroAnswer): MessageProblem {
  const excerpt = answer.body.slice(0, 500).replace(/\s+/g, ' ').trim();
  return { code: `HTTP_${answer.status}`, summary: excerpt ? `${answer.meaning.split('. ')[0]}: ${excerpt}` : answer.meaning.split('. ')[0]!, whatToCheck: answer.meaning };
}
