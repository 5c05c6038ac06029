export * from './permissions.ts';
export * from './schemas/common.ts';
export * from './schemas/event.ts';
export * from './schemas/institution.ts';
export * from './schemas/partnership.ts';
export * from './schemas/user.ts';
