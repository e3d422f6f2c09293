import { generateKeyPairSync, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** A person at the test identity provider; the id is what one types as "login" there. */
export type TTestAccount = {
  id: string;
  email: string;
  emailVerified?: boolean;
  name?: string;
  groups?: string[];
};

export type TTestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces an account (to change its groups between sign-ins, say). */
  setAccount(account: TTestAccount): void;
  close(): Promise<void>;
};

/**
 * A real OpenID Provider (the `oidc-provider` package, with its built-in login and consent
 * pages) on 127.0.0.1. One confidential client, code flow with PKCE; any password is accepted
 * for a known login. Port 0 picks a free one.
 */
export async function startTestOidcProvider(options: {
  redirectUris: string[];
  port?: number;
  accounts?: TTestAccount[];
  clientId?: string;
  clientSecret?: string;
}): Promise<TTestOidcProvider> {
  const accounts = new Map((options.accounts ?? []).map((account) => [account.id, account]));
  const clientId = options.clientId ?? "faultline-test";
  const clientSecret = options.clientSecret ?? randomBytes(24).toString("base64url");
  // The issuer names the port, so the server listens before the provider exists; requests that
  // arrive meanwhile wait for it.
  let handle: ((request: http.IncomingMessage, response: http.ServerResponse) => void) | null =
    null;
  const waiting: (() => void)[] = [];
  const server = http.createServer((request, response) => {
    if (handle) handle(request, response);
    else waiting.push(() => handle?.(request, response));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Its quick-start warnings (in-memory store, dev login pages, Node 20) are expected here.
  const provider = await withQuietWarnings(async () => {
    const { default: Provider } = await import("oidc-provider");
    return new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: options.redirectUris,
          grant_types: ["authorization_code"],
          response_types: ["code"],
          token_endpoint_auth_method: "client_secret_basic",
        },
      ],
      pkce: { required: () => true },
      scopes: ["openid", "email", "profile", "groups"],
      claims: {
        openid: ["sub"],
        email: ["email", "email_verified"],
        profile: ["name"],
        groups: ["groups"],
      },
      findAccount: (_context: unknown, id: string) => {
        const account = accounts.get(id);
        if (!account) return undefined;
        return {
          accountId: id,
          claims: () => ({
            sub: id,
            email: account.email,
            email_verified: account.emailVerified ?? true,
            name: account.name ?? id,
            groups: account.groups ?? [],
          }),
        };
      },
      features: { devInteractions: { enabled: true } },
      ttl: {
        AccessToken: 600,
        AuthorizationCode: 60,
        Grant: 3600,
        IdToken: 600,
        Interaction: 600,
        Session: 3600,
      },
      cookies: { keys: [randomBytes(32).toString("hex")] },
      jwks: { keys: [generateSigningKey()] },
    });
  });
  handle = provider.callback();
  for (const resume of waiting.splice(0)) resume();

  return {
    issuer,
    clientId,
    clientSecret,
    setAccount: (account) => accounts.set(account.id, account),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function generateSigningKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), use: "sig", alg: "RS256", kid: "test" };
}

async function withQuietWarnings<T>(run: () => Promise<T>): Promise<T> {
  const { warn, info } = console;
  const isProviderNotice = (first: unknown) =>
    typeof first === "string" && /oidc-provider (WARNING|NOTICE)/.test(first);
  console.warn = (...args) => isProviderNotice(args[0]) || warn(...args);
  console.info = (...args) => isProviderNotice(args[0]) || info(...args);
  try {
    return await run();
  } finally {
    console.warn = warn;
    console.info = info;
  }
}
