/**
 * Plays the browser between the app and a test OIDC provider, over real HTTP: follows the
 * provider's redirects with its cookies and submits its login and consent forms, until the
 * provider sends the browser back to the app. One instance is one browser (one cookie jar).
 */
export class OidcBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly appOrigin: string) {}

  /** From the provider's authorization URL to the app URL it redirects back to. */
  async logIn(authorizationUrl: string, login: string): Promise<URL> {
    let response = await this.request(new URL(authorizationUrl));
    for (let step = 0; step < 20; step++) {
      const location = response.headers.get("location");
      if (location) {
        const next = new URL(location, response.url);
        if (next.origin === this.appOrigin) return next;
        response = await this.request(next);
        continue;
      }
      const html = await response.text();
      if (response.status !== 200) {
        throw new Error(`the provider answered ${response.status}: ${html.slice(0, 300)}`);
      }
      response = await this.submitForm(new URL(response.url), html, login);
    }
    throw new Error("the provider never redirected back to the app");
  }

  private async submitForm(pageUrl: URL, html: string, login: string): Promise<Response> {
    const form = html.match(
      /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i,
    );
    if (!form?.[1] || form[2] === undefined) {
      throw new Error(`no form on the provider's page: ${html.slice(0, 300)}`);
    }
    const fields = new URLSearchParams();
    for (const input of form[2].matchAll(/<input[^>]*>/gi)) {
      const name = input[0].match(/name="([^"]+)"/)?.[1];
      if (!name) continue;
      const value = input[0].match(/value="([^"]*)"/)?.[1] ?? "";
      fields.set(name, name === "login" ? login : name === "password" ? "any password" : value);
    }
    return this.request(new URL(decodeHtml(form[1]), pageUrl), fields);
  }

  private async request(url: URL, form?: URLSearchParams): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    }
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      body: form,
      headers,
      redirect: "manual",
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";");
      const [name = "", ...rest] = pair.trim().split("=");
      const isExpired = attributes.some((part) =>
        /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(part),
      );
      if (isExpired || rest.join("=") === "") this.cookies.delete(name);
      else this.cookies.set(name, rest.join("="));
    }
    // fetch leaves response.url empty for a manual redirect's own URL in some runtimes.
    Object.defineProperty(response, "url", { value: url.href });
    return response;
  }
}

function decodeHtml(text: string): string {
  return text.replaceAll("&amp;", "&").replaceAll("&#x2F;", "/").replaceAll("&#47;", "/");
}
