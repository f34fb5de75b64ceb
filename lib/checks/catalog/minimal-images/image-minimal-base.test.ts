import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_CONFIG } from '../../config/settings';
import { classifyBaseImage } from './image-minimal-base';

const classify = (image: string, declared?: string) => classifyBaseImage(image, declared, DEFAULT_CHECK_CONFIG);

describe('classifyBaseImage', () => {
  it('recognises full distribution and language images by their last path segment', () => {
    expect(classify('ubuntu:22.04')).toBe('full');
    expect(classify('node:20')).toBe('full');
    expect(classify('docker.io/library/python:3.12')).toBe('full');
    expect(classify('registry.example.com:5000/mirror/nginx:1.27')).toBe('full');
  });

  it('recognises minimal variants in the tag or path', () => {
    expect(classify('node:20-alpine')).toBe('minimal');
    expect(classify('python:3.12-slim')).toBe('minimal');
    expect(classify('gcr.io/distroless/static:nonroot')).toBe('minimal');
    expect(classify('cgr.dev/chainguard/node:latest')).toBe('minimal');
  });

  it('does not match minimal patterns against the registry host', () => {
    // `mcr.microsoft.com` contains `micro`, which must not make every Microsoft image minimal.
    expect(classify('mcr.microsoft.com/dotnet/aspnet:8.0')).toBe('unknown');
  });

  it('matches whole words of the path and tag, never part of a word', () => {
    // The pattern `micro` is ubi-micro's word; microservices-demo holds it only as part of a word.
    expect(classify('gcr.io/google-samples/microservices-demo/frontend:v0.10.1')).toBe('unknown');
    expect(classify('registry.access.redhat.com/ubi9/ubi-micro:9.4')).toBe('minimal');
    expect(classify('registry.example.com/team/alpinist:1.0.0')).toBe('unknown');
    expect(classify('registry.example.com/static-site:1.0.0')).toBe('unknown');
    expect(classify('registry.example.com/team/api:1.0.0-slimmed')).toBe('unknown');
    // Tag words, with or without a version on the word.
    expect(classify('nginx:alpine')).toBe('minimal');
    expect(classify('nginx:1.27-alpine3.20')).toBe('minimal');
    expect(classify('python:slim')).toBe('minimal');
    expect(classify('python:3.12-slim-bookworm')).toBe('minimal');
    expect(classify('python:3')).toBe('full');
    // Path components and runs of them, the registry host counted as a segment.
    expect(classify('gcr.io/distroless/static-debian12:nonroot')).toBe('minimal');
    expect(classify('mirror.example.com/base/static-debian12:latest')).toBe('minimal');
    expect(classify('busybox:1.36')).toBe('minimal');
    expect(classify('scratch')).toBe('minimal');
    expect(classify('cgr.dev/chainguard/static:latest')).toBe('minimal');
    expect(classify('registry.example.com/chainguard-mirror/node:22')).toBe('minimal');
  });

  it('reads configured patterns as words or path segments', () => {
    const classifyWith = (image: string, patterns: string[]) =>
      classifyBaseImage(image, undefined, { ...DEFAULT_CHECK_CONFIG, minimalBasePatterns: patterns });
    // Leading or trailing separators only say "a word": -slim is slim.
    expect(classifyWith('python:3.12-slim', ['-slim'])).toBe('minimal');
    expect(classifyWith('registry.example.com/base/distroless/static:1', ['distroless/static'])).toBe('minimal');
    expect(classifyWith('registry.example.com/base/distroless/java21:1', ['distroless/static'])).toBe('unknown');
    expect(classifyWith('cgr.dev/chainguard/node:22', ['cgr.dev/'])).toBe('minimal');
    // A host is a whole segment: cgr.dev.example.com is another registry.
    expect(classifyWith('cgr.dev.example.com/team/app:22', ['cgr.dev/'])).toBe('unknown');
    expect(classifyWith('registry.example.com/team/api:1', ['  '])).toBe('unknown');
  });

  it('trusts a declared base for custom builds', () => {
    expect(classify('registry.example.com/payments/api:1.4.2')).toBe('unknown');
    expect(classify('registry.example.com/payments/api:1.4.2', 'distroless')).toBe('minimal');
    expect(classify('registry.example.com/payments/api:1.4.2', 'debian:12')).toBe('unknown');
  });
});
