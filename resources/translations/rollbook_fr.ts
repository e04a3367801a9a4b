<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AttendanceView</name>
    <message>
        <source>Scan a card or type a student number, Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card scan or student number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All present…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark every unmarked student present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks first; Ctrl+Z undoes it. Keys: Ctrl+Shift+P twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From paper (Alt+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From paper: the printed order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The students in the order of the printed sheet, to type its marks (Alt+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tudents (Alt+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P present · L late · T partial · E excused · A absent · Del clear · F2 edit a cell · Ctrl+Z undo · Ctrl+Shift+P twice all present · or click a row&apos;s buttons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blank sign-in sheet (PDF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sheet as XLSX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{marked} of {self.model.rowCount()} marked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From paper: the students in the printed order (# is the number on the paper). Type each one&apos;s mark, P L T E or A; the cursor goes down the column.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“All present” was not confirmed in time; nothing was marked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the sheet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AvailabilityDialog</name>
    <message>
        <source>Availability of </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours on </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly hours in {zone}, the facility&apos;s time, e.g. 09:00-17:00 or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>09:00-12:00, 13:00-17:00. Leave every day empty when the hours are not </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>known: then any time counts as available.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time off from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time off until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. leave, training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the time off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd time off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the time off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve time off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected time off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the availability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time off &amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept as they are: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time off added; Save keeps it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the time off to remove in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed the time off from </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; Save keeps the change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours on </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no weekly hours (available at any time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no time off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 period of time off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{offs} periods of time off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the availability of </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarActions</name>
    <message>
        <source>Reason (needed to cancel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All &amp;future sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All future sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow a clash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel session (Alt+X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the selected session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore (Alt+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore the selected cancelled session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the room of the selected session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Substitute… (Alt+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a substitute instructor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the attendance sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel session… (Alt+X)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type why the session is cancelled, then press Alt+X.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a session in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session is cancelled; Alt+E restores it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a cancelled session can be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and the sessions after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel a marked session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel it anyway? The marks are kept and set for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{held} marks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session has {marks}. </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move a marked session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move it to {new_start:%a %d %b} anyway? Its marks were taken for {o.original_date:%a %d %b}: they are kept and set for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The facility has no room to choose.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>Availability… (Alt+Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Availability of the instructor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the sessions as a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructor filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export .ics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the sessions shown as iCalendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print sign-in sheets…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the sign-in sheets of a day or a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New series… (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change series… (Ctrl+E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the series of the selected session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closures… (Alt+C)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closures: the days the facility is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;nstructor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pro&amp;gram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times in </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All programs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> for </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sessions </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an instructor in the filter (Alt+N) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a session of the series to change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardPrinter</name>
    <message>
        <source>Gathering the students for the ID cards…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the ID cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ID cards printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n ID card(s) saved to </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source> (left out, no student number a barcode can hold: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChoiceDialog</name>
    <message>
        <source>Confirm the choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of them can be chosen; each says why.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClosuresDialog</name>
    <message>
        <source>Closures of </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First closed day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last closed day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Public holiday, planned shutdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the closure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add closure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the closure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closures of the facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected closure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the closures dialog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;First day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No session is held on a closed day: recurring sessions skip it and the </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attendance rate and hours never count it. Marks already taken on it are </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept and set for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Closures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No closures: the facility is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks set for review: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the closure to remove in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open again: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import from CSV files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder with the CSV files; Enter reads it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISO dates, or e.g. %d/%m/%Y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facilit&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timezone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Kind of rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save mapping (Alt+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mapping file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 CSV files read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no such folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No file is mapped yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no column for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then, as the server&apos;s owner: %1 (without --dry-run to keep the rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping saved to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CurriculumTab</name>
    <message>
        <source>Programs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons of the chosen program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Programs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not enrolled in any program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lessons of %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HoursChart</name>
    <message>
        <source>No classes with hours yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hours to show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no hours required</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Screens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facility: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out and forget my password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff accounts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import from CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing workstation…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next sync attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the desk on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a demo workstation: there is no server to sync with. Use Connect to a server… to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline: no server configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changes stay on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 change kept on this computer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} changes kept on this computer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retrying in {0} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retrying now…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workstation could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MarkButtonsDelegate</name>
    <message>
        <source>{LABELS[status]} ({KEY_LETTERS[status]})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>+{more[1]} more</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NewStaffDialog</name>
    <message>
        <source>New staff account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PartialMinutesDialog</name>
    <message>
        <source>Partial attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes attended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes {name} attended (the session lasts {total} min):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintSheetsDialog</name>
    <message>
        <source>Print sign-in sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day, or a day of the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The &amp;day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the sessions of the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its &amp;week (Monday to Sunday)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the sessions of the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every session of the facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instructor: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instructor </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>room </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file and print the sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Da&amp;te</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sessions of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The blank sign-in sheet of every session held, in time order, one PDF; each session starts on a new page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the sign-in sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s), saved to </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to keep matching rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Faci&amp;lity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ilter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;XLSX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export P&amp;DF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alt+U or Ctrl+Enter runs · Enter in a date runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the rows as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the rows as XLSX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the rows as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as of</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Saved </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Marks set for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chan&amp;ge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mo&amp;ve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the mark&apos;s status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the mark to another session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marks set for review in this facility: two workstations disagreed on them, or their session was cancelled, moved or dropped from the schedule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to review: no mark in this facility is set for review. Marks come here when two workstations disagree on them or their session is cancelled, moved or dropped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep: {who}&apos;s mark {status} stands and leaves the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change: take a new status for {student} on this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new status cannot be taken for a session no longer held: move the mark or keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move: the mark goes to another {klass} session you choose; this one is removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New status for {student}, {klass}, {when} (now {status}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other {klass} session within six weeks to move the mark to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move {student}&apos;s mark {status} of {when} to the {klass} session:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RostersView</name>
    <message>
        <source>Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol: type a name or student number…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol a student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students matching the name typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (needed to end or transfer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class to transfer to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw the selected students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete the selected students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Transfer to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer the selected student</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Promote waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Promote the waitlist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class attendance by week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print ID cards…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the ID cards of the class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This facility has no classes yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the students first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one student and the class to transfer to.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScopeDialog</name>
    <message>
        <source>Facilities this person works at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facilities and programs in scope</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick at least one facility.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeriesDialog</name>
    <message>
        <source>Change the series of </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New session series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> sessions in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow clas&amp;hes (save although a room or an instructor is booked twice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow sessions outside the instructor&apos;s availa&amp;bility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in {zone}, the facility&apos;s time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow clashes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow outside availability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the series</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This facility has no class to give sessions to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As now: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to change: change a field, or press Esc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: these sessions would be booked twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the time or room, or tick Allow clashes and save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the instructor is not available for these sessions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the time or the instructor, or tick Allow sessions outside the instructor&apos;s availability and save again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionGrid</name>
    <message>
        <source>Closed: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↔ moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sub: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ clash: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no instructor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionPicker</name>
    <message>
        <source>Day of the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session asked for is not on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sessions on this day.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SheetActions</name>
    <message>
        <source>This session cannot be marked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing saved: a partial mark needs the minutes attended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo on this sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every student on this sheet is marked already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark {count} unmarked students present? Press Ctrl+Shift+P again to confirm, Esc to cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the {count} unmarked students of {sheet.class_name} present? Ctrl+Z undoes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark {count} present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm all present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{len(rows)} marked present. Ctrl+Z undoes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody was left to mark: the sheet was marked meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No student with number “{text.strip()}” on this sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A scan records the time it is now, and this session was on {day:%a %d %b}. Mark the student with P and type the times in the In and Out columns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{target.display_name} already checked out at {local:%H:%M}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SheetCellDelegate</name>
    <message>
        <source>Absence reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-out time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes attended</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SheetKeys</name>
    <message>
        <source>This session cannot be marked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the student first (P, L, T, E or A, or a button in the Mark column).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> goes only with an absence.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SheetTableView</name>
    <message>
        <source>Attendance sheet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to Rollbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember my password on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open demo workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StaffAccountsDialog</name>
    <message>
        <source>Staff accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scope…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account created: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope changed: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password reset: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentRecordDialog</name>
    <message>
        <source>Student record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parts of the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter or double-click opens that session&apos;s attendance sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print ID card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the student&apos;s ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendance by week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours earned against hours required</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StudentsView</name>
    <message>
        <source>Search by name, student number or id…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Students</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print ID cards…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the ID cards of the facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) shown</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No student matches “{text}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No students in this facility yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SubstituteDialog</name>
    <message>
        <source>Substitute for </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Substitute instructor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. sick leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;This session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All &amp;future sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All future sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow a &amp;clash (the substitute teaches then)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow a clash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow &amp;outside their availability (weekly hours, time off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the substitute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow outside availability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Substitute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other instructor works at this facility.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session would clash:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available then:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow outside their availability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose someone else, or tick </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> is free and available at this session&apos;s time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — not available then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the substitute already teaches then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose someone else, or tick Allow a clash and save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: the substitute is not available then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose someone else, or tick Allow outside their availability.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <source>Conflicts and refusals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the facility&apos;s transfer key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export transfer file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply transfer file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export transfer file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply transfer file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the facility&apos;s transfer key first: it locks and opens the files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollbook transfer files (*.rbx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the transfer file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer file No. {0} written to {1}. Import it at a connected computer (rollbook transfer import), then apply its reply here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rollbook transfer replies (*.reply);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying the reply…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply No. {0} applied: this workstation is up to date with it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeGrid</name>
    <message>
        <source>no room</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no instructor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeGridHeader</name>
    <message>
        <source> · today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · closed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Students at &amp;risk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for students at risk…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{len(rows)} past session{&apos;&apos; if len(rows) == 1 else &apos;s&apos;} of the last {MISSING_DAYS} days — Enter opens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is missing: every session that ended in the last {MISSING_DAYS} days is fully marked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sessions from today to {end:%a %d %b}: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no class of {self._facility_name} meets then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{total} sessions from {glance.week_start:%a %d %b} — hover for classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the facility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} in {where}: not attended yet, 3 unexcused absences or 3 in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — Enter opens the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No students at risk in {where}: nobody has 3 unexcused absences </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or 3 in a row, and everyone enrolled has attended.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeekGlanceChart</name>
    <message>
        <source>No sessions this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No week to show.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeeklyRateChart</name>
    <message>
        <source>No sessions held in these weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No attendance to show.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <source>Nothing to show yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Export the report</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>refusal</name>
    <message>
        <source>The file could not be written: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
