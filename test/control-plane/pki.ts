/**
 * Certificates for the test control plane, made with the openssl command line: a cluster CA, the
 * API server's serving certificate, client certificates (CN = user, O = groups), a second CA that
 * signed nothing the server knows (for the wrong-CA kubeconfig) and the service-account key pair.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Paths of one certificate and its private key (PEM). */
export interface KeyPair {
  cert: string;
  key: string;
}

/** A client identity as the API server sees it: user name and groups. */
export interface ClientIdentity {
  user: string;
  groups: readonly string[];
}

/** Every file the control plane needs, all absolute paths inside the PKI folder. */
export interface Pki {
  dir: string;
  ca: KeyPair;
  /** A CA that signed nothing the server trusts. */
  otherCa: KeyPair;
  serving: KeyPair;
  clients: Record<string, KeyPair>;
  serviceAccountKey: string;
  serviceAccountPublicKey: string;
}

const DAYS = '30';

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await execFileAsync('openssl', args, { cwd });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim() || String(error)}`);
  }
}

function distinguishedName(commonName: string, organizations: readonly string[] = []): string {
  return [`CN = ${commonName}`, ...organizations.map((organization, index) => `${index}.O = ${organization}`)].join('\n');
}

async function writeConfig(dir: string, name: string, dn: string, extensions: string[]): Promise<string> {
  const file = path.join(dir, `${name}.cnf`);
  await writeFile(file, ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', dn, '[ext]', ...extensions, ''].join('\n'));
  return file;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function createCa(dir: string, name: string, commonName: string): Promise<KeyPair> {
  const config = await writeConfig(dir, name, distinguishedName(commonName), [
    'basicConstraints = critical, CA:TRUE',
    'keyUsage = critical, digitalSignature, keyCertSign, cRLSign',
    'subjectKeyIdentifier = hash',
  ]);
  const pair = { cert: path.join(dir, `${name}.crt`), key: path.join(dir, `${name}.key`) };
  await openssl(
    ['req', '-x509', '-config', config, '-extensions', 'ext', ...EC_KEY, '-keyout', pair.key, '-out', pair.cert, '-days', DAYS],
    dir,
  );
  return pair;
}

async function createSigned(dir: string, ca: KeyPair, name: string, dn: string, extensions: string[]): Promise<KeyPair> {
  const config = await writeConfig(dir, name, dn, [
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'authorityKeyIdentifier = keyid',
    ...extensions,
  ]);
  const pair = { cert: path.join(dir, `${name}.crt`), key: path.join(dir, `${name}.key`) };
  const csr = path.join(dir, `${name}.csr`);
  await openssl(['req', '-new', '-config', config, ...EC_KEY, '-keyout', pair.key, '-out', csr], dir);
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca.cert,
      '-CAkey',
      ca.key,
      '-set_serial',
      `0x${randomBytes(16).toString('hex')}`,
      '-days',
      DAYS,
      '-extfile',
      config,
      '-extensions',
      'ext',
      '-out',
      pair.cert,
    ],
    dir,
  );
  return pair;
}

/** Creates the whole PKI in `dir` (which must exist); the clients are keyed by user name. */
export async function createPki(dir: string, clients: readonly ClientIdentity[], serviceIp: string): Promise<Pki> {
  const [ca, otherCa] = await Promise.all([createCa(dir, 'ca', 'shipshape-test-ca'), createCa(dir, 'other-ca', 'shipshape-unrelated-ca')]);
  const serviceAccountKey = path.join(dir, 'service-account.key');
  const serviceAccountPublicKey = path.join(dir, 'service-account.pub');
  const serviceAccount = (async () => {
    await openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', serviceAccountKey], dir);
    await openssl(['pkey', '-in', serviceAccountKey, '-pubout', '-out', serviceAccountPublicKey], dir);
  })();
  const serving = createSigned(dir, ca, 'apiserver', distinguishedName('kube-apiserver'), [
    'extendedKeyUsage = serverAuth',
    `subjectAltName = IP:127.0.0.1, IP:${serviceIp}, DNS:localhost, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local`,
  ]);
  const clientPairs = clients.map((client) =>
    createSigned(dir, ca, `client-${client.user}`, distinguishedName(client.user, client.groups), ['extendedKeyUsage = clientAuth']),
  );
  const [servingPair, ...clientResults] = await Promise.all([serving, ...clientPairs]);
  await serviceAccount;
  if (!servingPair) throw new Error('no serving certificate');
  const clientsByUser: Record<string, KeyPair> = {};
  clients.forEach((client, index) => {
    const pair = clientResults[index];
    if (pair) clientsByUser[client.user] = pair;
  });
  return { dir, ca, otherCa, serving: servingPair, clients: clientsByUser, serviceAccountKey, serviceAccountPublicKey };
}
