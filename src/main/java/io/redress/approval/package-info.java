/**
 * Who may approve a settlement: the approval authority (decision {@code approval-authority}) and the proposal it was
 * given. API: {@link io.redress.approval.ApprovalAuthority}.
 */
package io.redress.approval;
