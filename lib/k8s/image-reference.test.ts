import { describe, expect, it } from 'vitest';
import { patchFloatingReason, unpinnedReason } from '../checks/catalog/trusted-registries/image-tag-pinned';
import {
  credentialCoversHost,
  effectivePullPolicy,
  isMutableReference,
  parseImageReference,
  privateRegistryHosts,
  registryInList,
  registryMatches,
} from './image-reference';

const DIGEST = 'sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1';

describe('parseImageReference', () => {
  it('expands Docker Hub short names', () => {
    expect(parseImageReference('nginx')).toEqual({ registry: 'docker.io', repository: 'library/nginx' });
    expect(parseImageReference('nginx:1.27')).toEqual({ registry: 'docker.io', repository: 'library/nginx', tag: '1.27' });
    expect(parseImageReference('bitnami/redis:7.2')).toEqual({ registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2' });
  });

  it('reads a registry with a port without mistaking the port for a tag', () => {
    expect(parseImageReference('registry.example.com:5000/team/api')).toEqual({
      registry: 'registry.example.com:5000',
      repository: 'team/api',
    });
    expect(parseImageReference('registry.example.com:5000/team/api:1.2')).toEqual({
      registry: 'registry.example.com:5000',
      repository: 'team/api',
      tag: '1.2',
    });
  });

  it('reads digests, with or without a tag', () => {
    expect(parseImageReference(`gcr.io/distroless/static@${DIGEST}`)).toEqual({
      registry: 'gcr.io',
      repository: 'distroless/static',
      digest: DIGEST,
    });
    expect(parseImageReference(`ghcr.io/example/api:1.4.2@${DIGEST}`)).toEqual({
      registry: 'ghcr.io',
      repository: 'example/api',
      tag: '1.4.2',
      digest: DIGEST,
    });
  });

  it('treats localhost as a registry', () => {
    expect(parseImageReference('localhost/api:dev')).toEqual({ registry: 'localhost', repository: 'api', tag: 'dev' });
    expect(parseImageReference('localhost:5000/api')).toEqual({ registry: 'localhost:5000', repository: 'api' });
  });
});

describe('registryMatches', () => {
  it('matches ECR hosts with a wildcard account and region', () => {
    expect(registryMatches('123456789012.dkr.ecr.eu-west-1.amazonaws.com', '*.dkr.ecr.*.amazonaws.com')).toBe(true);
    expect(registryMatches('123456789012.dkr.ecr.amazonaws.com', '*.dkr.ecr.*.amazonaws.com')).toBe(false);
    expect(registryMatches('123456789012.dkr.ecr.eu.west.amazonaws.com', '*.dkr.ecr.*.amazonaws.com')).toBe(false);
    expect(registryMatches('evil.com', '*.dkr.ecr.*.amazonaws.com')).toBe(false);
  });

  it('matches any subdomain depth for a leading *. and not the bare domain or look-alikes', () => {
    expect(registryMatches('eu.gcr.io', '*.gcr.io')).toBe(true);
    expect(registryMatches('a.b.gcr.io', '*.gcr.io')).toBe(true);
    expect(registryMatches('gcr.io', '*.gcr.io')).toBe(false);
    expect(registryMatches('evilgcr.io', '*.gcr.io')).toBe(false);
    expect(registryMatches('eu.gcr.io.evil.com', '*.gcr.io')).toBe(false);
  });

  it('leaves Docker Hub out of the default trusted list', () => {
    expect(registryInList('docker.io', ['gcr.io', '*.gcr.io', 'ghcr.io'])).toBe(false);
  });
});

describe('unpinnedReason (image-tag-pinned)', () => {
  it('fails references without tag or digest and latest tags', () => {
    expect(unpinnedReason('nginx')).toBeDefined();
    expect(unpinnedReason('nginx:latest')).toBeDefined();
    expect(unpinnedReason('registry.example.com:5000/team/api')).toBeDefined();
  });

  it('passes version tags and digests', () => {
    expect(unpinnedReason('nginx:1.27')).toBeUndefined();
    expect(unpinnedReason(`nginx@${DIGEST}`)).toBeUndefined();
    expect(unpinnedReason(`nginx:latest@${DIGEST}`)).toBeUndefined();
  });

  it('fails branch and channel names, bare flavours and major-only versions', () => {
    for (const tag of ['master', 'main', 'develop', 'dev', 'trunk', 'edge', 'nightly', 'canary', 'e2e', 'stable', 'Latest', 'lts']) {
      expect(unpinnedReason(`registry.example.com/team/api:${tag}`), tag).toMatch(/names a branch or channel/);
    }
    for (const tag of ['alpine', 'slim', 'bookworm', 'jammy', 'slim-bookworm', 'alpine3.20', 'jdk17', 'debug-nonroot']) {
      expect(unpinnedReason(`python:${tag}`), tag).toMatch(/names a flavour, not a release/);
    }
    for (const tag of ['3', 'v2', '3-alpine', '22-bookworm-slim', '1.x']) {
      expect(unpinnedReason(`python:${tag}`), tag).toBe(`tag \`${tag}\` floats across releases; pin a full version or a digest`);
    }
    expect(unpinnedReason('nginx:stable-alpine')).toBe(
      'tag `stable-alpine` names a branch or channel (stable) and moves with it; pin a version or a digest',
    );
  });

  it('passes full versions, build numbers and tags it cannot read as floating', () => {
    for (const tag of [
      '1.27.3',
      'v1.27.3',
      '1.27.3-alpine',
      '3.12.7-slim-bookworm',
      '1.0-3.4.10',
      '20240115',
      'main-3f2a1b9',
      'rc1',
      '2.1.0-beta',
    ]) {
      expect(unpinnedReason(`registry.example.com/team/api:${tag}`), tag).toBeUndefined();
      expect(patchFloatingReason(`registry.example.com/team/api:${tag}`), tag).toBeUndefined();
    }
  });

  it('tells a release line (major.minor) apart, as a lesser risk', () => {
    expect(patchFloatingReason('python:3.12')).toBe('tag `3.12` follows every patch release of its line; pin a full version or a digest');
    expect(patchFloatingReason('mcr.microsoft.com/dotnet/aspnet:8.0-alpine')).toBeDefined();
    expect(patchFloatingReason('python:3')).toBeUndefined();
    expect(patchFloatingReason(`python:3.12@${DIGEST}`)).toBeUndefined();
  });
});

describe('effectivePullPolicy', () => {
  it('defaults as the API server does: Always for latest or no tag and no digest, else IfNotPresent', () => {
    expect(effectivePullPolicy('nginx', undefined)).toBe('Always');
    expect(effectivePullPolicy('nginx:latest', undefined)).toBe('Always');
    expect(effectivePullPolicy(`nginx:latest@${DIGEST}`, undefined)).toBe('Always');
    expect(effectivePullPolicy('nginx:1.27', undefined)).toBe('IfNotPresent');
    expect(effectivePullPolicy(`nginx@${DIGEST}`, undefined)).toBe('IfNotPresent');
    expect(effectivePullPolicy('registry.example.com:5000/team/api', undefined)).toBe('Always');
  });

  it('keeps a declared policy', () => {
    expect(effectivePullPolicy('nginx:latest', 'IfNotPresent')).toBe('IfNotPresent');
    expect(effectivePullPolicy('nginx:1.27', 'Never')).toBe('Never');
  });

  it('calls only untagged and latest references without a digest mutable', () => {
    expect(isMutableReference('nginx')).toBe(true);
    expect(isMutableReference('nginx:latest')).toBe(true);
    expect(isMutableReference(`nginx:latest@${DIGEST}`)).toBe(false);
    expect(isMutableReference('nginx:1.27')).toBe(false);
  });
});

describe('credentialCoversHost (kubelet keyring matching)', () => {
  it('matches the exact host, ignoring case', () => {
    expect(credentialCoversHost('registry.example.com', 'registry.example.com')).toBe(true);
    expect(credentialCoversHost('Registry.Example.com', 'registry.example.com')).toBe(true);
  });

  it('requires the same port', () => {
    expect(credentialCoversHost('registry.example.com', 'registry.example.com:5000')).toBe(false);
    expect(credentialCoversHost('registry.example.com:5000', 'registry.example.com:5000')).toBe(true);
  });

  it('lets a glob match one label only', () => {
    expect(credentialCoversHost('*.example.com', 'mirror.example.com')).toBe(true);
    expect(credentialCoversHost('*.example.com', 'a.mirror.example.com')).toBe(false);
    expect(credentialCoversHost('*.example.com', 'example.com')).toBe(false);
    expect(credentialCoversHost('*.example.com', 'mirror.example.org')).toBe(false);
  });
});

describe('privateRegistryHosts', () => {
  it('lists the non-public registries once, lower-cased', () => {
    const images = ['nginx:1.27', 'Registry.Example.com/a:1', 'registry.example.com/b:2', 'ghcr.io/x/y:1'];
    expect(privateRegistryHosts(images, ['docker.io', 'ghcr.io'])).toEqual(['registry.example.com']);
  });
});
