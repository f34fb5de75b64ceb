/**
 * What the sign-off action answers when it does not sign (a signed review redirects to the
 * namespace instead): the problems, a conflict with another reviewer, or why reviews cannot be
 * written here, each with the reviewer's input so the form is filled again. Plain data, shared
 * by the server action and the form; it crosses from server to browser as is.
 */
import type { SignOffFields } from '../review/sign-off-form';
import type { ReviewUnavailable } from '../review/types';

export type SignOffState =
  | { status: 'idle'; attempt: 0 }
  | { status: 'invalid'; attempt: number; problems: string[]; fields: SignOffFields }
  | { status: 'conflict'; attempt: number; message: string; latest?: string; fields: SignOffFields }
  | ({ status: 'unavailable'; attempt: number; fields: SignOffFields } & ReviewUnavailable);

export const IDLE_SIGN_OFF: SignOffState = { status: 'idle', attempt: 0 };
