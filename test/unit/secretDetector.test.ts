import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { describeSecrets, findSecrets, removeSecrets, type SecretKind } from '../../src/generation/secretDetector';
import { randomString, seededRandom } from './kit/seededRandom';

/**
 * Synthetic keys in each service's real format (prefix, length, alphabet),
 * built at run time from a seeded generator so no key-shaped string sits in
 * the repository for a secret scanner to trip over.
 */
const next = seededRandom(42);
const random = (alphabet: string, length: number): string => randomString(next, alphabet, length);
const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const base64 = `${alnum}+/`;
const urlSafe = `${alnum}-_`;
const pemBody = (): string => Array.from({ length: 6 }, () => random(base64, 64)).join('\n');

const realFormats: Array<[string, SecretKind, string]> = [
  ['a PEM RSA private key', 'privateKey', `-----BEGIN RSA PRIVATE KEY-----\n${pemBody()}\n-----END RSA PRIVATE KEY-----`],
  ['a PKCS#8 private key', 'privateKey', `-----BEGIN PRIVATE KEY-----\n${pemBody()}\n-----END PRIVATE KEY-----`],
  [
    'an OpenSSH private key',
    'privateKey',
    `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA${pemBody()}\n-----END OPENSSH PRIVATE KEY-----`,
  ],
  ['an EC private key cut off when pasted', 'privateKey', `-----BEGIN EC PRIVATE KEY-----\n${pemBody()}`],
  ['an AWS access key id', 'awsAccessKey', `AKIA${random(upper, 16)}`],
  ['an AWS temporary access key id', 'awsAccessKey', `ASIA${random(upper, 16)}`],
  ['an AWS secret key in a credentials file', 'awsSecretKey', `aws_secret_access_key = ${random(base64, 40)}`],
  ['an AWS secret key in JSON', 'awsSecretKey', `"SecretAccessKey": "${random(base64, 40)}"`],
  ['a Google API key', 'googleApiKey', `AIza${random(urlSafe, 35)}`],
  [
    'an Azure storage connection string',
    'azureKey',
    `DefaultEndpointsProtocol=https;AccountName=inkwelldocs;AccountKey=${random(base64, 86)}==;EndpointSuffix=core.windows.net`,
  ],
  [
    'an Azure Service Bus connection string',
    'azureKey',
    `Endpoint=sb://inkwell.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${random(base64, 43)}=`,
  ],
  ['an OpenAI project key', 'openaiKey', `sk-proj-${random(urlSafe, 48)}T3BlbkFJ${random(urlSafe, 48)}`],
  ['an OpenAI legacy key', 'openaiKey', `sk-${random(alnum, 20)}T3BlbkFJ${random(alnum, 20)}`],
  ['a DeepSeek-style key', 'openaiKey', `sk-${random('0123456789abcdef', 32)}`],
  ['an Anthropic key', 'openaiKey', `sk-ant-api03-${random(urlSafe, 93)}AA`],
  ['a GitHub personal access token', 'githubToken', `ghp_${random(alnum, 36)}`],
  ['a GitHub fine-grained token', 'githubToken', `github_pat_11${random(upper, 20)}_${random(alnum, 59)}`],
  ['a GitHub OAuth token', 'githubToken', `gho_${random(alnum, 36)}`],
  ['a Slack bot token', 'slackToken', `xoxb-${random('0123456789', 12)}-${random('0123456789', 13)}-${random(alnum, 24)}`],
  ['a Slack webhook', 'slackToken', `https://hooks.slack.com/services/T${random(upper, 8)}/B${random(upper, 10)}/${random(alnum, 24)}`],
  ['a Stripe live secret key', 'stripeKey', `sk_live_${random(alnum, 99)}`],
  ['a Stripe restricted test key', 'stripeKey', `rk_test_${random(alnum, 24)}`],
  ['a JWT', 'jwt', `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${random(urlSafe, 60)}.${random(urlSafe, 43)}`],
  ['a password in a PostgreSQL URL', 'connectionPassword', `postgres://inkwell:${random(alnum, 16)}@db.internal:5432/articles`],
  ['a password in a MongoDB URL', 'connectionPassword', `mongodb+srv://admin:${random(alnum, 12)}!@cluster0.mongodb.net/test`],
  ['a .env password', 'envSecret', `DB_PASSWORD=${random(alnum, 14)}`],
  ['a quoted .env secret', 'envSecret', `export CLIENT_SECRET="${random(alnum, 30)}"`],
  ['a .env API key', 'envSecret', `MAILGUN_API_KEY=${random(alnum, 12)}-${random(alnum, 8)}`],
];

const englishArticle = `# Keeping secrets out of your writing

When you write documentation for an API, you often need to show how a client
authenticates. Explain that the token is sent in a header, that the password
is never stored in plain text, and that a secret should be rotated when a
teammate leaves. A good tutorial names the environment variable, such as
OPENAI_API_KEY, without ever printing its value. Risk-free examples, task-oriented
guides and a desk-side checklist help readers; so do hashes such as SHA-256.`;

const codeWithPlaceholders = `\`\`\`bash
export OPENAI_API_KEY="sk-..."
export OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer YOUR_API_KEY"
\`\`\`

\`\`\`ini
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
\`\`\`

\`\`\`env
API_KEY=\${API_KEY}
SECRET_KEY=<your secret key>
DB_PASSWORD=changeme
JWT_SECRET=your-jwt-secret-here
TOKEN_EXPIRY_SECONDS=3600
PASSWORD_MIN_LENGTH=12
REQUIRE_TOKEN=true
\`\`\`

\`\`\`python
client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
DATABASE_URL = "postgres://user:password@localhost:5432/app"
REDIS_URL = "redis://:\${REDIS_PASSWORD}@cache:6379/0"
key = "ghp_" + token  # build it from the vault
-----BEGIN PRIVATE KEY-----
...
-----END PRIVATE KEY-----
\`\`\``;

const everydayIdentifiers = [
  'commit 3f786850e387550fdab836ed7e6dc881de23001b',
  'sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'id 123e4567-e89b-12d3-a456-426614174000 and 550E8400-E29B-41D4-A716-446655440000',
  'https://user@example.com/path and mailto:someone@example.com and https://example.com/?token=',
  `![chart](data:image/png;base64,iVBORw0KGgo${random(base64, 6000)}=)`,
  `<img src="data:image/jpeg;base64,/9j/${random(base64, 4000)}">`,
  'scikit-learn (sk-learn) and a-sk-xyz, eyJ alone, xoxo hugs, AIza is a prefix',
].join('\n');

describe('The outgoing secret detector', () => {
  describe('finds real key formats', () => {
    for (const [what, kind, secret] of realFormats) {
      it(`finds ${what}`, () => {
        const text = `Please fix the grammar of this paragraph.\n\n${secret}\n\nThanks!`;
        const findings = findSecrets(text);
        assert.deepEqual(
          findings.map((finding) => finding.kind),
          [kind],
          `${what}: ${JSON.stringify(findings)}`,
        );
        assert.ok(secret.includes(text.slice(findings[0].start, findings[0].end)), 'the finding lies within the secret');
      });
    }
  });

  describe('stays quiet on prose and samples', () => {
    it('stays quiet on a Chinese article', () => {
      const article = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'zh-article.md'), 'utf8');
      assert.deepEqual(findSecrets(article), []);
    });

    it('stays quiet on an English article about keys and passwords', () => {
      assert.deepEqual(findSecrets(englishArticle), []);
    });

    it('stays quiet on code samples with placeholder keys', () => {
      assert.deepEqual(
        findSecrets(codeWithPlaceholders).map((finding) => codeWithPlaceholders.slice(finding.start, finding.end)),
        [],
      );
    });

    it('stays quiet on hex hashes, UUIDs, URLs without passwords and base64 images', () => {
      assert.deepEqual(
        findSecrets(everydayIdentifiers).map((finding) => everydayIdentifiers.slice(finding.start, finding.end)),
        [],
      );
    });
  });

  describe('removing what it found', () => {
    it('replaces each secret with a placeholder and keeps everything else', () => {
      const key = `AKIA${random(upper, 16)}`;
      const password = random(alnum, 16);
      const text = `Access key ${key}; database postgres://app:${password}@db:5432/main; done.`;
      const cleaned = removeSecrets(text, findSecrets(text));
      assert.equal(
        cleaned,
        'Access key [removed: AWS key]; database postgres://app:[removed: password in a connection string]@db:5432/main; done.',
      );
    });

    it('reports a secret once when it sits inside another (an OpenAI key on a .env line)', () => {
      const text = `OPENAI_API_KEY=sk-proj-${random(urlSafe, 40)}`;
      const findings = findSecrets(text);
      assert.equal(findings.length, 1);
      assert.equal(removeSecrets(text, findings).startsWith('OPENAI_API_KEY=[removed: '), true);
    });

    it('names what it found in words', () => {
      assert.equal(describeSecrets(['awsAccessKey']), 'an AWS key');
      assert.equal(describeSecrets(['awsAccessKey', 'githubToken', 'awsAccessKey']), 'an AWS key and a GitHub token');
      assert.equal(describeSecrets(['privateKey', 'slackToken', 'jwt']), 'a private key, a Slack token and a JSON Web Token');
    });

    it('scans a long document quickly', () => {
      const long = `${englishArticle}\n`.repeat(400) + `key ghp_${random(alnum, 36)}`;
      const started = Date.now();
      assert.equal(findSecrets(long).length, 1);
      assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    });
  });
});
