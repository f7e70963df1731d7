/** The working calendar staff keep: which years it knows, and entering a year's official schedule. */
import { streetManifest } from '../../../contracts/street.manifest';
import { useCase } from '../../_platform/handler';
import { staffMember } from '../../_platform/permissions';
import { calendarOverview, calendarYearDetail, setCalendarYear as saveYear } from './calendarYears';

const { staff } = streetManifest;

/** 节假日安排: which years the working calendar knows, and the warning when one is missing. */
export const calendar = useCase(staff.calendar, { permission: staffMember, run: async (_input, { db, now }) => calendarOverview(db, now()) });
export const calendarYear = useCase(staff.calendarYear, { permission: staffMember, run: async (input, { db }) => calendarYearDetail(db, input.year) });
export const setCalendarYear = useCase(staff.setCalendarYear, { permission: staffMember, run: async (input, { db, user, now }) => saveYear(db, user, input, now()) });
