import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_CONFIG } from '../config';
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

  it('trusts a declared base for custom builds', () => {
    expect(classify('registry.example.com/payments/api:1.4.2')).toBe('unknown');
    expect(classify('registry.example.com/payments/api:1.4.2', 'distroless')).toBe('minimal');
    expect(classify('registry.example.com/payments/api:1.4.2', 'debian:12')).toBe('unknown');
  });
});
