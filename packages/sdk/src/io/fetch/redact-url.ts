/**
 * A URL safe to print: user info dropped and every query value replaced by `***`, because signed URLs
 * (S3 presigned, Box, GCS) carry their credentials in the query string.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    return '<invalid URL>';
  }
  parsed.username = '';
  parsed.password = '';
  const names = [...parsed.searchParams.keys()];
  if (names.length === 0) return parsed.href;
  const query = names.map((name) => `${encodeURIComponent(name)}=***`).join('&');
  const hash = parsed.hash;
  parsed.search = '';
  parsed.hash = '';
  return `${parsed.href}?${query}${hash}`;
}
