"""The paper's French, shared by every app: typography (`typography`) and dates (`dates`)."""
