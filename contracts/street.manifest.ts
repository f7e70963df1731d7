/** The street (街道网络): its directory, the spreadsheet import/export, and the working calendar staff keep. */
import { calendarInput, calendarYearInput, setCalendarYearInput } from './calendar';
import type { CalendarOverview, CalendarYearDetail, SetCalendarYearResult } from './calendar';
import type { Category, Community, DeputyPublic, Station, StreetContact } from './directory';
import { action, SIGNED_IN, STAFF_ONLY } from './manifest';
import { exportStreetInput, importStreetInput } from './street';
import type { StreetExport, StreetImportResult } from './street';
import { bareInput } from './validation';

export const streetManifest = {
  directory: {
    communities: action<Community[]>()({ input: bareInput('communities'), roles: SIGNED_IN }),
    stations: action<Station[]>()({ input: bareInput('stations'), roles: SIGNED_IN }),
    deputies: action<DeputyPublic[]>()({ input: bareInput('deputies'), roles: SIGNED_IN }),
    categories: action<Category[]>()({ input: bareInput('categories'), roles: SIGNED_IN }),
    contact: action<StreetContact>()({ input: bareInput('contact'), roles: SIGNED_IN }),
  },
  street: {
    importStreet: action<StreetImportResult>()({ input: importStreetInput, roles: STAFF_ONLY }),
    exportStreet: action<StreetExport>()({ input: exportStreetInput, roles: STAFF_ONLY }),
  },
  staff: {
    calendar: action<CalendarOverview>()({ input: calendarInput, roles: STAFF_ONLY }),
    calendarYear: action<CalendarYearDetail>()({ input: calendarYearInput, roles: STAFF_ONLY }),
    setCalendarYear: action<SetCalendarYearResult>()({ input: setCalendarYearInput, roles: STAFF_ONLY }),
  },
};
