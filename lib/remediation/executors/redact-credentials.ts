const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)[^/@\s'"]+@/gi;

/** Strips `user:token@` from URLs, and each given secret (a token) wherever it appears. */
export function redactCredentials(
  text: string,
  secrets: readonly (string | undefined)[] = [],
): string {
  let result = text.replace(URL_USERINFO, "$1***@");
  for (const secret of secrets) {
    if (secret) result = result.split(secret).join("***");
  }
  return result;
}

/** A repository URL without its userinfo, and the username/token it carried (if any). */
export function splitRepoCredentials(repoUrl: string): {
  url: string;
  username?: string;
  token?: string;
} {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/@]+)@(.*)$/i.exec(repoUrl);
  if (!match?.[1] || !match[2] || match[3] === undefined) return { url: repoUrl };
  // ssh://git@host/… carries a user name, not a credential: leave it in the URL.
  if (!/^https?:\/\//i.test(match[1])) return { url: repoUrl };
  const [rawUser = "", ...rest] = match[2].split(":");
  const username = decodeURIComponent(rawUser);
  // https://TOKEN@host: the GitHub style, where the token stands in for the user name.
  const token = rest.length > 0 ? decodeURIComponent(rest.join(":")) : username;
  return { url: match[1] + match[3], username, token };
}
