const SECRET_NAME = /(SECRET|PASSWORD|TOKEN|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL|SESSION)/i;

/** Replaces the values of credential-like env vars (4+ chars) with `***` wherever they appear in `text`. */
export function redactSecrets(text: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = text;
  for (const [name, value] of Object.entries(env)) {
    if (value && value.length >= 4 && SECRET_NAME.test(name)) out = out.split(value).join('***');
  }
  return out;
}
