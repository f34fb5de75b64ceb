import { describe, expect, it } from 'vitest';
import { attachmentDisposition, exportFileName } from './download';

describe('export downloads', () => {
  it('names the file after the context and the namespace', () => {
    expect(exportFileName('demo', 'json')).toBe('shipshape-demo.json');
    expect(exportFileName('demo', 'json', 'payments')).toBe('shipshape-demo-payments.json');
    expect(attachmentDisposition('demo', 'json', 'payments')).toBe('attachment; filename="shipshape-demo-payments.json"');
  });

  it('keeps quotes, separators and line breaks from a hostile context name out of the header', () => {
    const disposition = attachmentDisposition('arn:aws:eks:eu-west-1:1234:cluster/prod"; x=\r\nSet-Cookie: a=b', 'json');
    expect(disposition).toBe('attachment; filename="shipshape-arn_aws_eks_eu-west-1_1234_cluster_prod_x_Set-Cookie_a_b.json"');
    expect(exportFileName('../../etc/passwd', 'json')).toBe('shipshape-etc_passwd.json');
    expect(exportFileName('ünïcode', 'json')).toBe('shipshape-n_code.json');
  });

  it('bounds the name however long the context is', () => {
    expect(exportFileName('a'.repeat(5000), 'json').length).toBeLessThanOrEqual(125);
  });
});
