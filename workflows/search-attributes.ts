import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Typed search attributes kept up to date by every project, so Temporal's own UI and CLI can find
 * projects (`temporal workflow list --query "SopStatus='active' AND SopOverdue=true"`). Registered
 * on the namespace by `npm start`; names are public: never rename them.
 */
export const SOP_ID = defineSearchAttributeKey('SopId', SearchAttributeType.KEYWORD);
export const SOP_VERSION = defineSearchAttributeKey('SopVersion', SearchAttributeType.KEYWORD);
export const SOP_STATUS = defineSearchAttributeKey('SopStatus', SearchAttributeType.KEYWORD);
export const SOP_CURRENT_STEP = defineSearchAttributeKey('SopCurrentStep', SearchAttributeType.KEYWORD_LIST);
export const SOP_LEAD_DEPARTMENT = defineSearchAttributeKey('SopLeadDepartment', SearchAttributeType.KEYWORD);
export const SOP_NEXT_DEADLINE = defineSearchAttributeKey('SopNextDeadline', SearchAttributeType.DATETIME);
export const SOP_OVERDUE = defineSearchAttributeKey('SopOverdue', SearchAttributeType.BOOL);
/** Who kicked the project off; set once at start by the API (the workflow never changes it). */
export const SOP_OWNER = defineSearchAttributeKey('SopOwner', SearchAttributeType.KEYWORD);

/** Every key with its Temporal type, for registering them on a namespace. */
export const SOP_SEARCH_ATTRIBUTES = [
  SOP_ID,
  SOP_VERSION,
  SOP_STATUS,
  SOP_CURRENT_STEP,
  SOP_LEAD_DEPARTMENT,
  SOP_NEXT_DEADLINE,
  SOP_OVERDUE,
  SOP_OWNER,
] as const;
