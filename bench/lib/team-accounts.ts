/** The IdP accounts of the team scenario: one admin who sets the server up, and N viewers. */
export const LEAD_LOGIN = 'lead';

export function agentLogin(i: number): string {
  return `agent${String(i).padStart(2, '0')}`;
}
