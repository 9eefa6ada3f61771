// The audit log as the renderer sees it. main/audit/audit.ts builds on these.

export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntryView {
  id: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  caseId: number | null;
  caseReference: string | null;
  summary: string;
  changes: AuditChange[];
  reason: string | null;
}
