<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>AttendanceView</name>
    <message>
        <source>Scan a card or type a student number, Enter</source>
        <translation>Escanee una tarjeta o escriba un número de estudiante, Intro</translation>
    </message>
    <message>
        <source>Card scan or student number</source>
        <translation>Tarjeta escaneada o número de estudiante</translation>
    </message>
    <message>
        <source>Sheet message</source>
        <translation>Mensaje de la hoja</translation>
    </message>
    <message>
        <source>Make-up session</source>
        <translation>Sesión de recuperación</translation>
    </message>
    <message>
        <source>All present…</source>
        <translation>Todos presentes…</translation>
    </message>
    <message>
        <source>Mark every unmarked student present</source>
        <translation>Marcar presentes a todos los estudiantes sin marcar</translation>
    </message>
    <message>
        <source>Asks first; Ctrl+Z undoes it. Keys: Ctrl+Shift+P twice</source>
        <translation>Pregunta antes; Ctrl+Z lo deshace. Teclas: Ctrl+Mayús+P dos veces</translation>
    </message>
    <message>
        <source>From paper (Alt+O)</source>
        <translation>Desde el papel (Alt+O)</translation>
    </message>
    <message>
        <source>From paper: the printed order</source>
        <translation>Desde el papel: el orden impreso</translation>
    </message>
    <message>
        <source>The students in the order of the printed sheet, to type its marks (Alt+O)</source>
        <translation>Los estudiantes en el orden de la hoja impresa, para escribir sus marcas (Alt+O)</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>S&amp;tudents (Alt+T)</source>
        <translation>Es&amp;tudiantes (Alt+T)</translation>
    </message>
    <message>
        <source>P present · L late · T partial · E excused · A absent · Del clear · F2 edit a cell · Ctrl+Z undo · Ctrl+Shift+P twice all present · or click a row&apos;s buttons</source>
        <translation>P presente · L tarde · T parcial · E justificado · A ausente · Supr borrar · F2 editar una celda · Ctrl+Z deshacer · Ctrl+Mayús+P dos veces todos presentes · o pulse los botones de una fila</translation>
    </message>
    <message>
        <source>Blank sign-in sheet (PDF)</source>
        <translation>Hoja de firmas en blanco (PDF)</translation>
    </message>
    <message>
        <source>Sheet as PDF</source>
        <translation>Hoja en PDF</translation>
    </message>
    <message>
        <source>Sheet as CSV</source>
        <translation>Hoja en CSV</translation>
    </message>
    <message>
        <source>Sheet as XLSX</source>
        <translation>Hoja en XLSX</translation>
    </message>
    <message>
        <source>Loading the sheet…</source>
        <translation>Cargando la hoja…</translation>
    </message>
    <message>
        <source>{marked} of {total} marked</source>
        <translation>{marked} de {total} marcados</translation>
    </message>
    <message>
        <source>From paper: the students in the printed order (# is the number on the paper). Type each one&apos;s mark, P L T E or A; the cursor goes down the column.</source>
        <translation>Desde el papel: los estudiantes en el orden impreso (# es el número en el papel). Escriba la marca de cada uno, P L T E o A; el cursor baja por la columna.</translation>
    </message>
    <message>
        <source>“All present” was not confirmed in time; nothing was marked.</source>
        <translation>«Todos presentes» no se confirmó a tiempo; no se marcó nada.</translation>
    </message>
    <message>
        <source>Save the sheet</source>
        <translation>Guardar la hoja</translation>
    </message>
</context>
<context>
    <name>AvailabilityDialog</name>
    <message>
        <source>not working</source>
        <translation>no trabaja</translation>
    </message>
    <message>
        <source>&amp;Mon</source>
        <translation>&amp;Lun</translation>
    </message>
    <message>
        <source>&amp;Tue</source>
        <translation>&amp;Mar</translation>
    </message>
    <message>
        <source>&amp;Wed</source>
        <translation>M&amp;ié</translation>
    </message>
    <message>
        <source>T&amp;hu</source>
        <translation>&amp;Jue</translation>
    </message>
    <message>
        <source>&amp;Fri</source>
        <translation>Vi&amp;e</translation>
    </message>
    <message>
        <source>S&amp;at</source>
        <translation>&amp;Sáb</translation>
    </message>
    <message>
        <source>S&amp;un</source>
        <translation>D&amp;om</translation>
    </message>
    <message>
        <source>Availability of {name}</source>
        <translation>Disponibilidad de {name}</translation>
    </message>
    <message>
        <source>Hours on {day}</source>
        <translation>Horas el {day}</translation>
    </message>
    <message>
        <source>Weekly hours in {zone}, the facility&apos;s time, e.g. 09:00-17:00 or 09:00-12:00, 13:00-17:00. Leave every day empty when the hours are not known: then any time counts as available.</source>
        <translation>Horario semanal en {zone}, la hora del centro, p. ej. 09:00-17:00 o 09:00-12:00, 13:00-17:00. Deje cada día vacío cuando no se conoce el horario: entonces cualquier hora cuenta como disponible.</translation>
    </message>
    <message>
        <source>Time off from</source>
        <translation>Ausencia desde</translation>
    </message>
    <message>
        <source>Time off until</source>
        <translation>Ausencia hasta</translation>
    </message>
    <message>
        <source>e.g. leave, training</source>
        <translation>p. ej. permiso, formación</translation>
    </message>
    <message>
        <source>Reason for the time off</source>
        <translation>Motivo de la ausencia</translation>
    </message>
    <message>
        <source>A&amp;dd time off</source>
        <translation>Añadir ausencia (&amp;D)</translation>
    </message>
    <message>
        <source>Add the time off</source>
        <translation>Añadir la ausencia</translation>
    </message>
    <message>
        <source>Time off</source>
        <translation>Ausencias</translation>
    </message>
    <message>
        <source>Remo&amp;ve time off</source>
        <translation>Quitar ausencia (&amp;V)</translation>
    </message>
    <message>
        <source>Remove the selected time off</source>
        <translation>Quitar la ausencia seleccionada</translation>
    </message>
    <message>
        <source>Save the availability</source>
        <translation>Guardar la disponibilidad</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Cerrar sin guardar</translation>
    </message>
    <message>
        <source>Time off &amp;list</source>
        <translation>Lista de a&amp;usencias</translation>
    </message>
    <message>
        <source>Weekly hours</source>
        <translation>Horario semanal</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Kept as they are: {hours}</source>
        <translation>Se mantienen como están: {hours}</translation>
    </message>
    <message>
        <source>Removed the time off from {day}; Save keeps the change.</source>
        <translation>Ausencia del {day} quitada; Guardar conserva el cambio.</translation>
    </message>
    <message>
        <source>hours on {days}</source>
        <translation>horas el {days}</translation>
    </message>
    <message>
        <source>Saved the availability of {name}: {hours}; {off}.</source>
        <translation>Disponibilidad de {name} guardada: {hours}; {off}.</translation>
    </message>
    <message>
        <source>Time off added; Save keeps it.</source>
        <translation>Ausencia añadida; Guardar la conserva.</translation>
    </message>
    <message>
        <source>Select the time off to remove in the list.</source>
        <translation>Seleccione en la lista la ausencia que quitar.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>no weekly hours (available at any time)</source>
        <translation>sin horario semanal (disponible a cualquier hora)</translation>
    </message>
    <message>
        <source>no time off</source>
        <translation>ninguna ausencia</translation>
    </message>
    <message>
        <source>1 period of time off</source>
        <translation>1 período de ausencia</translation>
    </message>
    <message>
        <source>{offs} periods of time off</source>
        <translation>{offs} períodos de ausencia</translation>
    </message>
</context>
<context>
    <name>CalendarActions</name>
    <message>
        <source>Reason (needed to cancel)</source>
        <translation>Motivo (necesario para cancelar)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>All &amp;future sessions</source>
        <translation>Todas las sesiones &amp;futuras</translation>
    </message>
    <message>
        <source>All future sessions</source>
        <translation>Todas las sesiones futuras</translation>
    </message>
    <message>
        <source>Allow a clash</source>
        <translation>Permitir un conflicto</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Mover a</translation>
    </message>
    <message>
        <source>New room</source>
        <translation>Nueva aula</translation>
    </message>
    <message>
        <source>Cancel session (Alt+X)</source>
        <translation>Cancelar la sesión (Alt+X)</translation>
    </message>
    <message>
        <source>Cancel the selected session</source>
        <translation>Cancelar la sesión seleccionada</translation>
    </message>
    <message>
        <source>Restore (Alt+E)</source>
        <translation>Restablecer (Alt+E)</translation>
    </message>
    <message>
        <source>Restore the selected cancelled session</source>
        <translation>Restablecer la sesión cancelada seleccionada</translation>
    </message>
    <message>
        <source>Move the selected session</source>
        <translation>Mover la sesión seleccionada</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Aula</translation>
    </message>
    <message>
        <source>Change the room of the selected session</source>
        <translation>Cambiar el aula de la sesión seleccionada</translation>
    </message>
    <message>
        <source>Substitute… (Alt+I)</source>
        <translation>Suplente… (Alt+I)</translation>
    </message>
    <message>
        <source>Choose a substitute instructor</source>
        <translation>Elegir un instructor suplente</translation>
    </message>
    <message>
        <source>Open the attendance sheet</source>
        <translation>Abrir la hoja de asistencia</translation>
    </message>
    <message>
        <source>Cancel session… (Alt+X)</source>
        <translation>Cancelar la sesión… (Alt+X)</translation>
    </message>
    <message>
        <source>Move to {when} (Alt+R)</source>
        <translation>Mover al {when} (Alt+R)</translation>
    </message>
    <message>
        <source>Room: {room} (Alt+O)</source>
        <translation>Aula: {room} (Alt+O)</translation>
    </message>
    <message>
        <source>Cancelled {klass} of {day} and the sessions after it.</source>
        <translation>Cancelada la sesión de {klass} del {day} y las siguientes.</translation>
    </message>
    <message>
        <source>Cancelled {klass} of {day}.</source>
        <translation>Cancelada la sesión de {klass} del {day}.</translation>
    </message>
    <message>
        <source>This session has 1 mark.</source>
        <translation>Esta sesión tiene 1 marca.</translation>
    </message>
    <message>
        <source>This session has {n} marks.</source>
        <translation>Esta sesión tiene {n} marcas.</translation>
    </message>
    <message>
        <source>Restored {klass} of {day}.</source>
        <translation>Restablecida la sesión de {klass} del {day}.</translation>
    </message>
    <message>
        <source>Moved {klass} of {day} to {when}.</source>
        <translation>Movida la sesión de {klass} del {day} al {when}.</translation>
    </message>
    <message>
        <source>Move it to {new_day} anyway? Its marks were taken for {day}: they are kept and set for review.</source>
        <translation>¿Moverla de todos modos al {new_day}? Sus marcas se tomaron para el {day}: se conservan y quedan para revisión.</translation>
    </message>
    <message>
        <source>{0} of {1} moves to {2}.</source>
        <translation>{0} del {1} pasa al aula {2}.</translation>
    </message>
    <message>
        <source>Type why the session is cancelled, then press Alt+X.</source>
        <translation>Escriba por qué se cancela la sesión y pulse Alt+X.</translation>
    </message>
    <message>
        <source>Select a session in the list first.</source>
        <translation>Seleccione primero una sesión de la lista.</translation>
    </message>
    <message>
        <source>Not held because of a disruption (</source>
        <translation>No celebrada por una interrupción (</translation>
    </message>
    <message>
        <source>): lift it in Disruption… (Alt+U).</source>
        <translation>): levántela en Interrupción… (Alt+U).</translation>
    </message>
    <message>
        <source>This session is cancelled; Alt+E restores it.</source>
        <translation>Esta sesión está cancelada; Alt+E la restablece.</translation>
    </message>
    <message>
        <source>Only a cancelled session can be restored.</source>
        <translation>Solo se puede restablecer una sesión cancelada.</translation>
    </message>
    <message>
        <source>Cancel a marked session</source>
        <translation>Cancelar una sesión ya marcada</translation>
    </message>
    <message>
        <source>Cancel it anyway? The marks are kept and set for review.</source>
        <translation>¿Cancelarla de todos modos? Las marcas se conservan y quedan para revisión.</translation>
    </message>
    <message>
        <source>Nothing was cancelled.</source>
        <translation>No se canceló nada.</translation>
    </message>
    <message>
        <source>Move a marked session</source>
        <translation>Mover una sesión ya marcada</translation>
    </message>
    <message>
        <source>Nothing was moved.</source>
        <translation>No se movió nada.</translation>
    </message>
    <message>
        <source>The facility has no room to choose.</source>
        <translation>El centro no tiene ningún aula que elegir.</translation>
    </message>
</context>
<context>
    <name>CalendarDialogs</name>
    <message>
        <source>Availability… (Alt+Y)</source>
        <translation>Disponibilidad… (Alt+Y)</translation>
    </message>
    <message>
        <source>Availability of the instructor</source>
        <translation>Disponibilidad del instructor</translation>
    </message>
    <message>
        <source>Export .ics</source>
        <translation>Exportar .ics</translation>
    </message>
    <message>
        <source>Export the sessions shown as iCalendar</source>
        <translation>Exportar las sesiones mostradas como iCalendar</translation>
    </message>
    <message>
        <source>Print sign-in sheets…</source>
        <translation>Imprimir hojas de firmas…</translation>
    </message>
    <message>
        <source>Print the sign-in sheets of a day or a week</source>
        <translation>Imprimir las hojas de firmas de un día o una semana</translation>
    </message>
    <message>
        <source>New series… (Ctrl+N)</source>
        <translation>Nueva serie… (Ctrl+N)</translation>
    </message>
    <message>
        <source>New series</source>
        <translation>Nueva serie</translation>
    </message>
    <message>
        <source>Change series… (Ctrl+E)</source>
        <translation>Cambiar la serie… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Change the series of the selected session</source>
        <translation>Cambiar la serie de la sesión seleccionada</translation>
    </message>
    <message>
        <source>Closures… (Alt+C)</source>
        <translation>Cierres… (Alt+C)</translation>
    </message>
    <message>
        <source>Closures: the days the facility is closed</source>
        <translation>Cierres: los días en que el centro está cerrado</translation>
    </message>
    <message>
        <source>Disruption… (Alt+U)</source>
        <translation>Interrupción… (Alt+U)</translation>
    </message>
    <message>
        <source>Disruption: cancel the sessions of a lockdown, a count, a storm</source>
        <translation>Interrupción: cancelar las sesiones de un encierro, un recuento, una tormenta</translation>
    </message>
    <message>
        <source>Choose an instructor in the filter (Alt+N) first.</source>
        <translation>Elija primero un instructor en el filtro (Alt+N).</translation>
    </message>
    <message>
        <source>the facility</source>
        <translation>el centro</translation>
    </message>
    <message>
        <source>Select a session that is held first.</source>
        <translation>Seleccione primero una sesión que se celebre.</translation>
    </message>
    <message>
        <source>Select a session of the series to change.</source>
        <translation>Seleccione una sesión de la serie que cambiar.</translation>
    </message>
    <message>
        <source>Export the calendar</source>
        <translation>Exportar el calendario</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Guardado: {path}</translation>
    </message>
</context>
<context>
    <name>CalendarPages</name>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>Sessions by day and hour</source>
        <translation>Sesiones por día y hora</translation>
    </message>
    <message>
        <source>Sessions of the month</source>
        <translation>Sesiones del mes</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>What the selected session makes up</source>
        <translation>Lo que recupera la sesión seleccionada</translation>
    </message>
    <message>
        <source>Day shown</source>
        <translation>Día mostrado</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Día</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Semana</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>&amp;Mes</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Lista</translation>
    </message>
    <message>
        <source>Show the sessions as a list</source>
        <translation>Mostrar las sesiones en lista</translation>
    </message>
    <message>
        <source>Room filter</source>
        <translation>Filtro de aulas</translation>
    </message>
    <message>
        <source>Instructor filter</source>
        <translation>Filtro de instructores</translation>
    </message>
    <message>
        <source>Program filter</source>
        <translation>Filtro de programas</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendario</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Aula</translation>
    </message>
    <message>
        <source>I&amp;nstructor</source>
        <translation>I&amp;nstructor</translation>
    </message>
    <message>
        <source>Pro&amp;gram</source>
        <translation>Pro&amp;grama</translation>
    </message>
    <message>
        <source>Show a day</source>
        <translation>Mostrar un día</translation>
    </message>
    <message>
        <source>Show a week</source>
        <translation>Mostrar una semana</translation>
    </message>
    <message>
        <source>Show a month</source>
        <translation>Mostrar un mes</translation>
    </message>
    <message>
        <source>Session actions</source>
        <translation>Acciones de la sesión</translation>
    </message>
    <message>
        <source>Times in {zone}</source>
        <translation>Horas en {zone}</translation>
    </message>
    <message>
        <source>Closed: {days}</source>
        <translation>Cerrado: {days}</translation>
    </message>
    <message>
        <source>No sessions on this day.</source>
        <translation>Ninguna sesión en este día.</translation>
    </message>
    <message>
        <source>No sessions in this week.</source>
        <translation>Ninguna sesión en esta semana.</translation>
    </message>
    <message>
        <source>No sessions in this month.</source>
        <translation>Ninguna sesión en este mes.</translation>
    </message>
    <message>
        <source>No sessions on this day for {who}.</source>
        <translation>Ninguna sesión en este día para {who}.</translation>
    </message>
    <message>
        <source>No sessions in this week for {who}.</source>
        <translation>Ninguna sesión en esta semana para {who}.</translation>
    </message>
    <message>
        <source>No sessions in this month for {who}.</source>
        <translation>Ninguna sesión en este mes para {who}.</translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation>Todas las aulas</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Todos</translation>
    </message>
    <message>
        <source>All programs</source>
        <translation>Todos los programas</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>Make-up for… (Alt+K)</source>
        <translation>Recuperación de… (Alt+K)</translation>
    </message>
</context>
<context>
    <name>CardPrinter</name>
    <message>
        <source>Gathering the students for the ID cards…</source>
        <translation>Reuniendo a los estudiantes para las tarjetas…</translation>
    </message>
    <message>
        <source>ID cards {what}.pdf</source>
        <translation>Carnés {what}.pdf</translation>
    </message>
    <message>
        <source>Save the ID cards</source>
        <translation>Guardar las tarjetas de identificación</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No ID cards printed.</source>
        <translation>No se imprimió ninguna tarjeta.</translation>
    </message>
    <message>
        <source>Student ID cards: {what}</source>
        <translation>Carnés de estudiante: {what}</translation>
    </message>
    <message numerus="yes">
        <source>%n ID card(s) saved to {path} (left out, no student number a barcode can hold: {names})</source>
        <translation>
            <numerusform>%n carné guardado en {path} (quedan fuera, sin número de estudiante que un código de barras pueda llevar: {names})</numerusform>
            <numerusform>%n carnés guardados en {path} (quedan fuera, sin número de estudiante que un código de barras pueda llevar: {names})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ID card(s) saved to {path}</source>
        <translation>
            <numerusform>%n carné guardado en {path}</numerusform>
            <numerusform>%n carnés guardados en {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChoiceDialog</name>
    <message>
        <source>Confirm the choice</source>
        <translation>Confirmar la elección</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>{prompt} None of them can be chosen; each says why.</source>
        <translation>{prompt} No se puede elegir ninguno; cada uno dice por qué.</translation>
    </message>
</context>
<context>
    <name>ClosuresDialog</name>
    <message>
        <source>Closures of {facility}</source>
        <translation>Cierres de {facility}</translation>
    </message>
    <message>
        <source>First closed day</source>
        <translation>Primer día cerrado</translation>
    </message>
    <message>
        <source>Last closed day</source>
        <translation>Último día cerrado</translation>
    </message>
    <message>
        <source>e.g. Public holiday, planned shutdown</source>
        <translation>p. ej. festivo, cierre previsto</translation>
    </message>
    <message>
        <source>Reason for the closure</source>
        <translation>Motivo del cierre</translation>
    </message>
    <message>
        <source>&amp;Add closure</source>
        <translation>&amp;Añadir cierre</translation>
    </message>
    <message>
        <source>Add the closure</source>
        <translation>Añadir el cierre</translation>
    </message>
    <message>
        <source>Closures of the facility</source>
        <translation>Cierres del centro</translation>
    </message>
    <message>
        <source>Remo&amp;ve selected</source>
        <translation>Quitar lo seleccionado (&amp;V)</translation>
    </message>
    <message>
        <source>Remove the selected closure</source>
        <translation>Quitar el cierre seleccionado</translation>
    </message>
    <message>
        <source>Close the closures dialog</source>
        <translation>Cerrar la ventana de cierres</translation>
    </message>
    <message>
        <source>&amp;First day</source>
        <translation>&amp;Primer día</translation>
    </message>
    <message>
        <source>&amp;Last day</source>
        <translation>Úl&amp;timo día</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <source>No session is held on a closed day: recurring sessions skip it and the attendance rate and hours never count it. Marks already taken on it are kept and set for review.</source>
        <translation>No hay sesiones en un día cerrado: las sesiones periódicas lo saltan, y la tasa de asistencia y las horas nunca lo cuentan. Las marcas ya tomadas ese día se conservan y quedan para revisión.</translation>
    </message>
    <message>
        <source>Closed {days}: {reason}.</source>
        <translation>Cerrado {days}: {reason}.</translation>
    </message>
    <message>
        <source>Marks set for review: {n}.</source>
        <translation>Marcas para revisión: {n}.</translation>
    </message>
    <message>
        <source>Open again: {days} ({reason}).</source>
        <translation>Abierto de nuevo: {days} ({reason}).</translation>
    </message>
    <message>
        <source>&amp;Closures</source>
        <translation>&amp;Cierres</translation>
    </message>
    <message>
        <source>No closures: the facility is open.</source>
        <translation>Ningún cierre: el centro está abierto.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Select the closure to remove in the list.</source>
        <translation>Seleccione en la lista el cierre que quitar.</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Quitando…</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import from CSV files</source>
        <translation>Importar desde archivos CSV</translation>
    </message>
    <message>
        <source>folder with the CSV files; Enter reads it</source>
        <translation>carpeta con los archivos CSV; Intro la lee</translation>
    </message>
    <message>
        <source>ISO dates, or e.g. %d/%m/%Y</source>
        <translation>fechas ISO, o p. ej. %d/%m/%Y</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>&amp;Carpeta</translation>
    </message>
    <message>
        <source>Facilit&amp;y</source>
        <translation>Ce&amp;ntro</translation>
    </message>
    <message>
        <source>&amp;Timezone</source>
        <translation>&amp;Zona horaria</translation>
    </message>
    <message>
        <source>&amp;Date format</source>
        <translation>&amp;Formato de fecha</translation>
    </message>
    <message>
        <source>&amp;Kind of rows</source>
        <translation>&amp;Tipo de filas</translation>
    </message>
    <message>
        <source>F&amp;ile</source>
        <translation>A&amp;rchivo</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Columnas</translation>
    </message>
    <message>
        <source>Save mapping (Alt+S)</source>
        <translation>Guardar la correspondencia (Alt+S)</translation>
    </message>
    <message>
        <source>&amp;Mapping file</source>
        <translation>Archivo de corres&amp;pondencia</translation>
    </message>
    <message>
        <source>The folder cannot be read: %1</source>
        <translation>No se puede leer la carpeta: %1</translation>
    </message>
    <message>
        <source>%1 CSV files read.</source>
        <translation>%1 archivos CSV leídos.</translation>
    </message>
    <message>
        <source>There is no such folder.</source>
        <translation>Esa carpeta no existe.</translation>
    </message>
    <message>
        <source>No file is mapped yet.</source>
        <translation>Todavía no hay ningún archivo con correspondencia.</translation>
    </message>
    <message>
        <source>%1: no column for %2</source>
        <translation>%1: ninguna columna para %2</translation>
    </message>
    <message>
        <source>Then, as the server&apos;s owner: %1 (without --dry-run to keep the rows)</source>
        <translation>Después, como propietario del servidor: %1 (sin --dry-run para conservar las filas)</translation>
    </message>
    <message>
        <source>The mapping could not be saved: %1</source>
        <translation>No se pudo guardar la correspondencia: %1</translation>
    </message>
    <message>
        <source>Mapping saved to %1.</source>
        <translation>Correspondencia guardada en %1.</translation>
    </message>
</context>
<context>
    <name>CurriculumTab</name>
    <message>
        <source>Programs</source>
        <translation>Programas</translation>
    </message>
    <message>
        <source>Lessons of the chosen program</source>
        <translation>Lecciones del programa elegido</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Lecciones</translation>
    </message>
    <message>
        <source>&amp;Programs</source>
        <translation>&amp;Programas</translation>
    </message>
    <message>
        <source>Not enrolled in any program.</source>
        <translation>No está inscrito en ningún programa.</translation>
    </message>
    <message>
        <source>&amp;Lessons of %1</source>
        <translation>&amp;Lecciones de %1</translation>
    </message>
</context>
<context>
    <name>DisruptionDialog</name>
    <message>
        <source>Disruption: sessions not held</source>
        <translation>Interrupción: sesiones no celebradas</translation>
    </message>
    <message>
        <source>Disruption from</source>
        <translation>Interrupción desde</translation>
    </message>
    <message>
        <source>Disruption until</source>
        <translation>Interrupción hasta</translation>
    </message>
    <message>
        <source>e.g. Lockdown, count, storm</source>
        <translation>p. ej. encierro, recuento, tormenta</translation>
    </message>
    <message>
        <source>Reason for the disruption</source>
        <translation>Motivo de la interrupción</translation>
    </message>
    <message>
        <source>Rooms disrupted (none ticked: every room)</source>
        <translation>Aulas afectadas (ninguna marcada: todas las aulas)</translation>
    </message>
    <message>
        <source>Programs disrupted (none ticked: every program)</source>
        <translation>Programas afectados (ninguno marcado: todos los programas)</translation>
    </message>
    <message>
        <source>&amp;Declare disruption</source>
        <translation>&amp;Declarar la interrupción</translation>
    </message>
    <message>
        <source>Declare the disruption</source>
        <translation>Declarar la interrupción</translation>
    </message>
    <message>
        <source>Disruptions of the facility</source>
        <translation>Interrupciones del centro</translation>
    </message>
    <message>
        <source>L&amp;ift selected</source>
        <translation>Levantar la selecc&amp;ión</translation>
    </message>
    <message>
        <source>Lift the selected disruption</source>
        <translation>Levantar la interrupción seleccionada</translation>
    </message>
    <message>
        <source>Close the disruption dialog</source>
        <translation>Cerrar la ventana de interrupciones</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>D&amp;esde</translation>
    </message>
    <message>
        <source>Un&amp;til</source>
        <translation>Has&amp;ta</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <source>R&amp;ooms</source>
        <translation>A&amp;ulas</translation>
    </message>
    <message>
        <source>&amp;Programs</source>
        <translation>&amp;Programas</translation>
    </message>
    <message>
        <source>Every session meeting the window is cancelled with the reason (only those of the rooms or programs ticked, if any). Reports count them as not held, never as absences. Marks already taken are kept and set for review. Lifting the disruption brings the sessions back.</source>
        <translation>Cada sesión que cae en el período se cancela con el motivo (solo las de las aulas o programas marcados, si los hay). Los informes las cuentan como no celebradas, nunca como ausencias. Las marcas ya tomadas se conservan y quedan para revisión. Levantar la interrupción restablece las sesiones.</translation>
    </message>
    <message>
        <source>Disruption declared: {window}, {reason}. Sessions cancelled: {n}.</source>
        <translation>Interrupción declarada: {window}, {reason}. Sesiones canceladas: {n}.</translation>
    </message>
    <message>
        <source>Marks set for review: {n}.</source>
        <translation>Marcas para revisión: {n}.</translation>
    </message>
    <message>
        <source>Lifted: {window} ({reason}). Its sessions are held again.</source>
        <translation>Levantada: {window} ({reason}). Sus sesiones vuelven a celebrarse.</translation>
    </message>
    <message>
        <source>Di&amp;sruptions</source>
        <translation>Inte&amp;rrupciones</translation>
    </message>
    <message>
        <source> (lifted)</source>
        <translation> (levantada)</translation>
    </message>
    <message>
        <source>No disruptions: every session is held.</source>
        <translation>Ninguna interrupción: todas las sesiones se celebran.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Select a disruption in force to lift in the list.</source>
        <translation>Seleccione en la lista una interrupción vigente que levantar.</translation>
    </message>
    <message>
        <source>Lifting…</source>
        <translation>Levantando…</translation>
    </message>
</context>
<context>
    <name>HoursChart</name>
    <message>
        <source>No classes with hours yet.</source>
        <translation>Todavía no hay clases con horas.</translation>
    </message>
    <message>
        <source>No hours to show.</source>
        <translation>No hay horas que mostrar.</translation>
    </message>
    <message>
        <source>no hours required</source>
        <translation>sin horas exigidas</translation>
    </message>
    <message>
        <source>{earned} of {required} h</source>
        <translation>{earned} de {required} h</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Rosters</source>
        <translation>Listas de clase</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendario</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Screens</source>
        <translation>Pantallas</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Centro</translation>
    </message>
    <message>
        <source>Facility: </source>
        <translation>Centro: </translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>Cambiar de usuario…</translation>
    </message>
    <message>
        <source>Sign out and forget my password</source>
        <translation>Cerrar sesión y olvidar mi contraseña</translation>
    </message>
    <message>
        <source>Staff accounts…</source>
        <translation>Cuentas del personal…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Import from CSV…</source>
        <translation>Importar desde CSV…</translation>
    </message>
    <message>
        <source>Find student</source>
        <translation>Buscar estudiante</translation>
    </message>
    <message>
        <source>Preparing workstation…</source>
        <translation>Preparando el puesto…</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Progreso de la sincronización</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Aviso</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Estado de la sincronización</translation>
    </message>
    <message>
        <source>Next sync attempt</source>
        <translation>Próximo intento de sincronización</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The language of the desk on this computer</source>
        <translation>El idioma de Rollbook en este ordenador</translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation>Conectarse a un servidor…</translation>
    </message>
    <message>
        <source>This is a demo workstation: there is no server to sync with. Use Connect to a server… to sign in.</source>
        <translation>Este es un puesto de demostración: no hay servidor con el que sincronizar. Use Conectarse a un servidor… para iniciar sesión.</translation>
    </message>
    <message>
        <source>offline: no server configured</source>
        <translation>sin conexión: ningún servidor configurado</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en línea</translation>
    </message>
    <message>
        <source>offline: {reason}</source>
        <translation>sin conexión: {reason}</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <source>changes stay on this computer</source>
        <translation>los cambios se quedan en este ordenador</translation>
    </message>
    <message>
        <source>1 change kept on this computer only</source>
        <translation>1 cambio guardado solo en este ordenador</translation>
    </message>
    <message>
        <source>{0} changes kept on this computer only</source>
        <translation>{0} cambios guardados solo en este ordenador</translation>
    </message>
    <message>
        <source>retrying in {0} s</source>
        <translation>reintento en {0} s</translation>
    </message>
    <message>
        <source>retrying now…</source>
        <translation>reintentando…</translation>
    </message>
    <message>
        <source>Rollbook · {facility}</source>
        <translation>Rollbook · {facility}</translation>
    </message>
    <message>
        <source>syncing…</source>
        <translation>sincronizando…</translation>
    </message>
    <message>
        <source>sending changes</source>
        <translation>enviando cambios</translation>
    </message>
    <message>
        <source>receiving changes</source>
        <translation>recibiendo cambios</translation>
    </message>
    <message>
        <source>first download</source>
        <translation>primera descarga</translation>
    </message>
    <message>
        <source>building indexes</source>
        <translation>construyendo índices</translation>
    </message>
    <message>
        <source>copying {table}</source>
        <translation>copiando {table}</translation>
    </message>
    <message>
        <source>The workstation could not be opened.</source>
        <translation>No se pudo abrir el puesto.</translation>
    </message>
    <message>
        <source>Demo workstation</source>
        <translation>Puesto de demostración</translation>
    </message>
</context>
<context>
    <name>MakeupDialog</name>
    <message>
        <source>Make-up for {missed}. For {students}.</source>
        <translation>Recuperación de {missed}. Para {students}.</translation>
    </message>
    <message>
        <source>Make-up for {missed}. Nobody was absent there.</source>
        <translation>Recuperación de {missed}. Nadie faltó entonces.</translation>
    </message>
    <message>
        <source>Make-up for…</source>
        <translation>Recuperación de…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Make-up session:&lt;/b&gt; </source>
        <translation>&lt;b&gt;Sesión de recuperación:&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Tick the missed sessions of this class that this session makes up (Space). A student absent at one of them who attends this session has the absence made up; for everyone else this session is not a scheduled one.</source>
        <translation>Marque las sesiones perdidas de esta clase que recupera esta sesión (Espacio). Un estudiante ausente en una de ellas que asiste a esta sesión tiene la ausencia recuperada; para los demás, esta sesión no es una sesión programada.</translation>
    </message>
    <message>
        <source>Missed sessions to make up</source>
        <translation>Sesiones perdidas que recuperar</translation>
    </message>
    <message>
        <source>&amp;Save make-up</source>
        <translation>&amp;Guardar la recuperación</translation>
    </message>
    <message>
        <source>Save the sessions made up</source>
        <translation>Guardar las sesiones recuperadas</translation>
    </message>
    <message>
        <source>Close the make-up dialog</source>
        <translation>Cerrar la ventana de recuperación</translation>
    </message>
    <message>
        <source>&amp;Missed sessions (latest first)</source>
        <translation>Sesiones &amp;perdidas (las más recientes primero)</translation>
    </message>
    <message numerus="yes">
        <source>%n absent</source>
        <translation>
            <numerusform>%n ausente</numerusform>
            <numerusform>%n ausentes</numerusform>
        </translation>
    </message>
    <message>
        <source>{day} {time} — {absent}</source>
        <translation>{day} {time} — {absent}</translation>
    </message>
    <message>
        <source>No earlier session of this class to make up.</source>
        <translation>Ninguna sesión anterior de esta clase que recuperar.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>This session is no longer a make-up.</source>
        <translation>Esta sesión ya no es una recuperación.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>+{n} more</source>
        <translation>+{n} más</translation>
    </message>
</context>
<context>
    <name>NewStaffDialog</name>
    <message>
        <source>New staff account</source>
        <translation>Nueva cuenta del personal</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Email (optional)</source>
        <translation>Correo (opcional)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Repita la contraseña</translation>
    </message>
</context>
<context>
    <name>PartialMinutesDialog</name>
    <message>
        <source>Partial attendance</source>
        <translation>Asistencia parcial</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes attended</source>
        <translation>Minutos asistidos</translation>
    </message>
    <message>
        <source>Minutes {name} attended (the session lasts {total} min):</source>
        <translation>Minutos que asistió {name} (la sesión dura {total} min):</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>Restablecer la contraseña</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nueva contraseña</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>De nuevo</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>PrintSheetsDialog</name>
    <message>
        <source>Print sign-in sheets</source>
        <translation>Imprimir hojas de firmas</translation>
    </message>
    <message>
        <source>Day, or a day of the week</source>
        <translation>El día, o un día de la semana</translation>
    </message>
    <message>
        <source>The &amp;day</source>
        <translation>El &amp;día</translation>
    </message>
    <message>
        <source>Print the sessions of the day</source>
        <translation>Imprimir las sesiones del día</translation>
    </message>
    <message>
        <source>Its &amp;week (Monday to Sunday)</source>
        <translation>Su &amp;semana (de lunes a domingo)</translation>
    </message>
    <message>
        <source>Print the sessions of the week</source>
        <translation>Imprimir las sesiones de la semana</translation>
    </message>
    <message>
        <source>Whose sessions</source>
        <translation>Sesiones de quién</translation>
    </message>
    <message>
        <source>Every session of the facility</source>
        <translation>Todas las sesiones del centro</translation>
    </message>
    <message>
        <source>Instructor: {name}</source>
        <translation>Instructor: {name}</translation>
    </message>
    <message>
        <source>instructor {name}</source>
        <translation>instructor {name}</translation>
    </message>
    <message>
        <source>Room: {name}</source>
        <translation>Aula: {name}</translation>
    </message>
    <message>
        <source>room {name}</source>
        <translation>aula {name}</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <source>Choose a file and print the sheets</source>
        <translation>Elegir un archivo e imprimir las hojas</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Da&amp;te</source>
        <translation>Fec&amp;ha</translation>
    </message>
    <message>
        <source>&amp;Sessions of</source>
        <translation>Sesio&amp;nes de</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>The blank sign-in sheet of every session held, in time order, one PDF; each session starts on a new page.</source>
        <translation>La hoja de firmas en blanco de cada sesión celebrada, por orden de hora, en un PDF; cada sesión empieza en una página nueva.</translation>
    </message>
    <message>
        <source>sign-in sheets {whose} {day}.pdf</source>
        <translation>hojas de firmas {whose} {day}.pdf</translation>
    </message>
    <message>
        <source>sign-in sheets facility {day}.pdf</source>
        <translation>hojas de firmas centro {day}.pdf</translation>
    </message>
    <message>
        <source>Save the sign-in sheets</source>
        <translation>Guardar las hojas de firmas</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Imprimiendo…</translation>
    </message>
    <message>
        <source>{sessions}, {pages}, saved to {path}</source>
        <translation>{sessions}, {pages}, guardado en {path}</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n sesión</numerusform>
            <numerusform>%n sesiones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n página</numerusform>
            <numerusform>%n páginas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Report</source>
        <translation>Informe</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Centro</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>Ejecu&amp;tar</translation>
    </message>
    <message>
        <source>Run the report</source>
        <translation>Ejecutar el informe</translation>
    </message>
    <message>
        <source>Type to keep matching rows</source>
        <translation>Escriba para conservar las filas que coincidan</translation>
    </message>
    <message>
        <source>Filter the rows</source>
        <translation>Filtrar las filas</translation>
    </message>
    <message>
        <source>Report rows</source>
        <translation>Filas del informe</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Informe</translation>
    </message>
    <message>
        <source>Faci&amp;lity</source>
        <translation>Ce&amp;ntro</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>D&amp;esde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>F&amp;ilter</source>
        <translation>&amp;Filtro</translation>
    </message>
    <message>
        <source>Export &amp;CSV</source>
        <translation>Exportar &amp;CSV</translation>
    </message>
    <message>
        <source>Export &amp;XLSX</source>
        <translation>Exportar &amp;XLSX</translation>
    </message>
    <message>
        <source>Export P&amp;DF</source>
        <translation>Exportar P&amp;DF</translation>
    </message>
    <message>
        <source>Alt+U or Ctrl+Enter runs · Enter in a date runs</source>
        <translation>Alt+T o Ctrl+Intro ejecuta · Intro en una fecha ejecuta</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>Export the rows as CSV</source>
        <translation>Exportar las filas como CSV</translation>
    </message>
    <message>
        <source>Export the rows as XLSX</source>
        <translation>Exportar las filas como XLSX</translation>
    </message>
    <message>
        <source>Export the rows as PDF</source>
        <translation>Exportar las filas como PDF</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calculando…</translation>
    </message>
    <message>
        <source>as of {when}</source>
        <translation>a {when}</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n fila</numerusform>
            <numerusform>%n filas</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved </source>
        <translation>Guardado: </translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Marks set for review</source>
        <translation>Marcas para revisión</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>Conservar (&amp;K)</translation>
    </message>
    <message>
        <source>Chan&amp;ge…</source>
        <translation>Cambiar (&amp;G)…</translation>
    </message>
    <message>
        <source>Mo&amp;ve…</source>
        <translation>Mo&amp;ver…</translation>
    </message>
    <message>
        <source>Keep the mark</source>
        <translation>Conservar la marca</translation>
    </message>
    <message>
        <source>Change the mark&apos;s status</source>
        <translation>Cambiar el estado de la marca</translation>
    </message>
    <message>
        <source>Move the mark to another session</source>
        <translation>Mover la marca a otra sesión</translation>
    </message>
    <message>
        <source>Review ({count})</source>
        <translation>Revisión ({count})</translation>
    </message>
    <message>
        <source>Marks set for review in this facility: two workstations disagreed on them, or their session was cancelled, moved or dropped from the schedule.</source>
        <translation>Marcas para revisión en este centro: dos puestos no coincidían, o su sesión se canceló, se movió o se quitó del horario.</translation>
    </message>
    <message>
        <source>Nothing to review: no mark in this facility is set for review. Marks come here when two workstations disagree on them or their session is cancelled, moved or dropped.</source>
        <translation>Nada que revisar: ninguna marca de este centro está para revisión. Las marcas llegan aquí cuando dos puestos no coinciden o su sesión se cancela, se mueve o se quita.</translation>
    </message>
    <message>
        <source>Keep: {who}&apos;s mark {status} stands and leaves the queue.</source>
        <translation>Conservar: la marca {status} de {who} se mantiene y sale de la cola.</translation>
    </message>
    <message>
        <source>Change: take a new status for {student} on this session.</source>
        <translation>Cambiar: tomar un nuevo estado para {student} en esta sesión.</translation>
    </message>
    <message>
        <source>A new status cannot be taken for a session no longer held: move the mark or keep it.</source>
        <translation>No se puede tomar un nuevo estado para una sesión que ya no se celebra: mueva la marca o consérvela.</translation>
    </message>
    <message>
        <source>Move: the mark goes to another {klass} session you choose; this one is removed.</source>
        <translation>Mover: la marca pasa a otra sesión de {klass} que usted elija; esta se quita.</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Nuevo estado</translation>
    </message>
    <message>
        <source>New status for {student}, {klass}, {when} (now {status}):</source>
        <translation>Nuevo estado para {student}, {klass}, {when} (ahora {status}):</translation>
    </message>
    <message>
        <source>No other {klass} session within six weeks to move the mark to.</source>
        <translation>Ninguna otra sesión de {klass} en seis semanas a la que mover la marca.</translation>
    </message>
    <message>
        <source>Move the mark</source>
        <translation>Mover la marca</translation>
    </message>
    <message>
        <source>Move {student}&apos;s mark {status} of {when} to the {klass} session:</source>
        <translation>Mover la marca {status} de {student} del {when} a la sesión de {klass}:</translation>
    </message>
</context>
<context>
    <name>RostersView</name>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Enrol: type a name or student number…</source>
        <translation>Inscribir: escriba un nombre o número de estudiante…</translation>
    </message>
    <message>
        <source>Enrol a student</source>
        <translation>Inscribir a un estudiante</translation>
    </message>
    <message>
        <source>Students matching the name typed</source>
        <translation>Estudiantes que coinciden con el nombre escrito</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>Lista de clase</translation>
    </message>
    <message>
        <source>Reason (needed to end or transfer)</source>
        <translation>Motivo (necesario para terminar o transferir)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Class to transfer to</source>
        <translation>Clase de destino</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>Retirar (&amp;W)</translation>
    </message>
    <message>
        <source>Withdraw the selected students</source>
        <translation>Retirar a los estudiantes seleccionados</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>&amp;Completar</translation>
    </message>
    <message>
        <source>Complete the selected students</source>
        <translation>Dar por completados a los estudiantes seleccionados</translation>
    </message>
    <message>
        <source>&amp;Transfer to</source>
        <translation>&amp;Transferir a</translation>
    </message>
    <message>
        <source>Transfer the selected student</source>
        <translation>Transferir al estudiante seleccionado</translation>
    </message>
    <message>
        <source>&amp;Promote waitlist</source>
        <translation>&amp;Promover la lista de espera</translation>
    </message>
    <message>
        <source>Promote the waitlist</source>
        <translation>Promover la lista de espera</translation>
    </message>
    <message>
        <source>Class attendance by week</source>
        <translation>Asistencia de la clase por semana</translation>
    </message>
    <message>
        <source>Attendance by week</source>
        <translation>Asistencia por semana</translation>
    </message>
    <message>
        <source>Print ID cards…</source>
        <translation>Imprimir tarjetas…</translation>
    </message>
    <message>
        <source>Print the ID cards of the class</source>
        <translation>Imprimir las tarjetas de identificación de la clase</translation>
    </message>
    <message>
        <source>Rosters</source>
        <translation>Listas de clase</translation>
    </message>
    <message>
        <source>This facility has no classes yet.</source>
        <translation>Este centro todavía no tiene clases.</translation>
    </message>
    <message>
        <source>{n} enrolled, no limit</source>
        <translation>{n} inscritos, sin límite</translation>
    </message>
    <message>
        <source>{n} enrolled of {capacity}</source>
        <translation>{n} inscritos de {capacity}</translation>
    </message>
    <message>
        <source>{n} places left</source>
        <translation>{n} plazas libres</translation>
    </message>
    <message>
        <source>{n} waitlisted</source>
        <translation>{n} en lista de espera</translation>
    </message>
    <message>
        <source>{name} waitlisted.</source>
        <translation>{name} en lista de espera.</translation>
    </message>
    <message>
        <source>{name} enrolled.</source>
        <translation>{name} inscrito.</translation>
    </message>
    <message>
        <source>{refusal} Press Ctrl+Enter to put {name} on the waitlist.</source>
        <translation>{refusal} Pulse Ctrl+Intro para poner a {name} en la lista de espera.</translation>
    </message>
    <message>
        <source>Select the students first.</source>
        <translation>Seleccione primero a los estudiantes.</translation>
    </message>
    <message>
        <source>Select one student and the class to transfer to.</source>
        <translation>Seleccione un estudiante y la clase de destino.</translation>
    </message>
</context>
<context>
    <name>ScopeDialog</name>
    <message>
        <source>Facilities this person works at</source>
        <translation>Centros donde trabaja esta persona</translation>
    </message>
    <message>
        <source>Facilities and programs in scope</source>
        <translation>Centros y programas incluidos</translation>
    </message>
    <message>
        <source>Tick at least one facility.</source>
        <translation>Marque al menos un centro.</translation>
    </message>
</context>
<context>
    <name>SeriesDialog</name>
    <message>
        <source>Change the series of {klass}</source>
        <translation>Cambiar la serie de {klass}</translation>
    </message>
    <message>
        <source>New session series</source>
        <translation>Nueva serie de sesiones</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minutos</translation>
    </message>
    <message>
        <source>Does not repeat</source>
        <translation>No se repite</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Semanal</translation>
    </message>
    <message>
        <source>Every N days</source>
        <translation>Cada N días</translation>
    </message>
    <message>
        <source>every </source>
        <translation>cada </translation>
    </message>
    <message>
        <source>When the class ends</source>
        <translation>Cuando termina la clase</translation>
    </message>
    <message>
        <source>On a date</source>
        <translation>En una fecha</translation>
    </message>
    <message>
        <source>After a number of sessions</source>
        <translation>Tras un número de sesiones</translation>
    </message>
    <message>
        <source> sessions in all</source>
        <translation> sesiones en total</translation>
    </message>
    <message>
        <source>Allow clas&amp;hes (save although a room or an instructor is booked twice)</source>
        <translation>Permitir conflict&amp;os (guardar aunque un aula o un instructor se reserve dos veces)</translation>
    </message>
    <message>
        <source>Allow sessions outside the instructor&apos;s availa&amp;bility</source>
        <translation>Permitir sesiones fuera de la disponi&amp;bilidad del instructor</translation>
    </message>
    <message>
        <source>in {zone}, the facility&apos;s time</source>
        <translation>en {zone}, la hora del centro</translation>
    </message>
    <message>
        <source>&amp;Class</source>
        <translation>&amp;Clase</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>&amp;Aula</translation>
    </message>
    <message>
        <source>&amp;Instructor</source>
        <translation>&amp;Instructor</translation>
    </message>
    <message>
        <source>Apply &amp;from</source>
        <translation>Aplicar &amp;desde</translation>
    </message>
    <message>
        <source>First &amp;date</source>
        <translation>Primera &amp;fecha</translation>
    </message>
    <message>
        <source>&amp;Start time</source>
        <translation>&amp;Hora de inicio</translation>
    </message>
    <message>
        <source>D&amp;uration</source>
        <translation>D&amp;uración</translation>
    </message>
    <message>
        <source>Re&amp;peat</source>
        <translation>Re&amp;petición</translation>
    </message>
    <message>
        <source>E&amp;very</source>
        <translation>Cada (&amp;V)</translation>
    </message>
    <message>
        <source>On &amp;weekdays</source>
        <translation>Días de la se&amp;mana</translation>
    </message>
    <message>
        <source>E&amp;nds</source>
        <translation>Termi&amp;na</translation>
    </message>
    <message>
        <source>Last day &amp;on</source>
        <translation>Úl&amp;timo día</translation>
    </message>
    <message>
        <source>&amp;After</source>
        <translation>T&amp;ras</translation>
    </message>
    <message>
        <source>Sessions before this date keep their time, room and attendance.</source>
        <translation>Las sesiones anteriores a esta fecha conservan su hora, aula y asistencia.</translation>
    </message>
    <message>
        <source>A series that does not repeat is a single session on its first date.</source>
        <translation>Una serie que no se repite es una única sesión en su primera fecha.</translation>
    </message>
    <message>
        <source>Allow clashes</source>
        <translation>Permitir conflictos</translation>
    </message>
    <message>
        <source>Allow outside availability</source>
        <translation>Permitir fuera de la disponibilidad</translation>
    </message>
    <message>
        <source>Save the series</source>
        <translation>Guardar la serie</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Cerrar sin guardar</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>(no room)</source>
        <translation>(ningún aula)</translation>
    </message>
    <message>
        <source>(the class&apos;s room)</source>
        <translation>(el aula de la clase)</translation>
    </message>
    <message>
        <source>(no one)</source>
        <translation>(nadie)</translation>
    </message>
    <message>
        <source>(the class&apos;s)</source>
        <translation>(el de la clase)</translation>
    </message>
    <message>
        <source>This facility has no class to give sessions to.</source>
        <translation>Este centro no tiene ninguna clase a la que dar sesiones.</translation>
    </message>
    <message>
        <source>As now: {rule}</source>
        <translation>Como ahora: {rule}</translation>
    </message>
    <message>
        <source>Nothing to change: change a field, or press Esc.</source>
        <translation>Nada que cambiar: cambie un campo o pulse Esc.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Not saved: these sessions would be booked twice.</source>
        <translation>No se guardó: estas sesiones quedarían reservadas dos veces.</translation>
    </message>
    <message>
        <source>Change the time or room, or tick Allow clashes and save again.</source>
        <translation>Cambie la hora o el aula, o marque Permitir conflictos y guarde de nuevo.</translation>
    </message>
    <message>
        <source>Not saved: the instructor is not available for these sessions.</source>
        <translation>No se guardó: el instructor no está disponible para estas sesiones.</translation>
    </message>
    <message>
        <source>Change the time or the instructor, or tick Allow sessions outside the instructor&apos;s availability and save again.</source>
        <translation>Cambie la hora o el instructor, o marque Permitir sesiones fuera de la disponibilidad del instructor y guarde de nuevo.</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>syncing</source>
        <translation>sincronizando</translation>
    </message>
</context>
<context>
    <name>SessionGrid</name>
    <message>
        <source>Closed: </source>
        <translation>Cerrado: </translation>
    </message>
    <message>
        <source>Not held: </source>
        <translation>No celebrada: </translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>↔ moved</source>
        <translation>↔ movida</translation>
    </message>
    <message>
        <source>sub: </source>
        <translation>supl.: </translation>
    </message>
    <message>
        <source>⚠ clash: </source>
        <translation>⚠ conflicto: </translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>no room</source>
        <translation>sin aula</translation>
    </message>
    <message>
        <source>no instructor</source>
        <translation>sin instructor</translation>
    </message>
</context>
<context>
    <name>SessionPicker</name>
    <message>
        <source>Day of the session</source>
        <translation>Día de la sesión</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Día</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sesión</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelada</translation>
    </message>
    <message>
        <source>The session asked for is not on this day.</source>
        <translation>La sesión pedida no es en este día.</translation>
    </message>
    <message>
        <source>No sessions on this day.</source>
        <translation>Ninguna sesión en este día.</translation>
    </message>
</context>
<context>
    <name>SheetActions</name>
    <message>
        <source>This session cannot be marked.</source>
        <translation>Esta sesión no se puede marcar.</translation>
    </message>
    <message>
        <source>Nothing saved: a partial mark needs the minutes attended.</source>
        <translation>No se guardó nada: una marca parcial necesita los minutos asistidos.</translation>
    </message>
    <message>
        <source>Nothing to undo on this sheet.</source>
        <translation>Nada que deshacer en esta hoja.</translation>
    </message>
    <message>
        <source>Undone: </source>
        <translation>Deshecho: </translation>
    </message>
    <message>
        <source>Every student on this sheet is marked already.</source>
        <translation>Todos los estudiantes de esta hoja ya están marcados.</translation>
    </message>
    <message>
        <source>Mark {count} unmarked students present? Press Ctrl+Shift+P again to confirm, Esc to cancel.</source>
        <translation>¿Marcar presentes a {count} estudiantes sin marcar? Pulse Ctrl+Mayús+P otra vez para confirmar, Esc para cancelar.</translation>
    </message>
    <message>
        <source>All present</source>
        <translation>Todos presentes</translation>
    </message>
    <message>
        <source>Mark the {count} unmarked students of {klass} present? Ctrl+Z undoes it.</source>
        <translation>¿Marcar presentes a los {count} estudiantes sin marcar de {klass}? Ctrl+Z lo deshace.</translation>
    </message>
    <message>
        <source>{n} marked present. Ctrl+Z undoes it.</source>
        <translation>{n} marcados presentes. Ctrl+Z lo deshace.</translation>
    </message>
    <message>
        <source>No student with number “{number}” on this sheet.</source>
        <translation>Ningún estudiante con el número «{number}» en esta hoja.</translation>
    </message>
    <message>
        <source>A scan records the time it is now, and this session was on {day}. Mark the student with P and type the times in the In and Out columns.</source>
        <translation>Un escaneo registra la hora actual, y esta sesión fue el {day}. Marque al estudiante con P y escriba las horas en las columnas Entrada y Salida.</translation>
    </message>
    <message>
        <source>{name} already checked out at {time}.</source>
        <translation>{name} ya salió a las {time}.</translation>
    </message>
    <message>
        <source>Mark {count} present</source>
        <translation>Marcar {count} presentes</translation>
    </message>
    <message>
        <source>Confirm all present</source>
        <translation>Confirmar todos presentes</translation>
    </message>
    <message>
        <source>Nobody was left to mark: the sheet was marked meanwhile.</source>
        <translation>No quedaba nadie por marcar: la hoja se marcó mientras tanto.</translation>
    </message>
    <message>
        <source>Saved </source>
        <translation>Guardado: </translation>
    </message>
</context>
<context>
    <name>SheetCellDelegate</name>
    <message>
        <source>Absence reason</source>
        <translation>Motivo de la ausencia</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Check-in time</source>
        <translation>Hora de entrada</translation>
    </message>
    <message>
        <source>Check-out time</source>
        <translation>Hora de salida</translation>
    </message>
    <message>
        <source>Minutes attended</source>
        <translation>Minutos asistidos</translation>
    </message>
</context>
<context>
    <name>SheetKeys</name>
    <message>
        <source>This session cannot be marked.</source>
        <translation>Esta sesión no se puede marcar.</translation>
    </message>
    <message>
        <source>Mark the student first (P, L, T, E or A, or a button in the Mark column).</source>
        <translation>Marque primero al estudiante (P, L, T, E o A, o un botón de la columna Marca).</translation>
    </message>
    <message>
        <source>A reason goes only with an absence.</source>
        <translation>Un motivo solo va con una ausencia.</translation>
    </message>
    <message>
        <source>This goes only with an absence.</source>
        <translation>Esto solo va con una ausencia.</translation>
    </message>
</context>
<context>
    <name>SheetTableView</name>
    <message>
        <source>Attendance sheet</source>
        <translation>Hoja de asistencia</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to Rollbook</source>
        <translation>Iniciar sesión en Rollbook</translation>
    </message>
    <message>
        <source>Remember my password on this computer</source>
        <translation>Recordar mi contraseña en este ordenador</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Puerto</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <source>Encryption (TLS)</source>
        <translation>Cifrado (TLS)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Open demo workstation</source>
        <translation>Abrir el puesto de demostración</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly: {error}</source>
        <translation>El inicio de sesión falló inesperadamente: {error}</translation>
    </message>
</context>
<context>
    <name>StaffAccountsDialog</name>
    <message>
        <source>Staff accounts</source>
        <translation>Cuentas del personal</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Añadir…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>Activar (&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Scope…</source>
        <translation>Á&amp;mbito…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>Restablecer la contraseña (&amp;P)…</translation>
    </message>
    <message>
        <source>Account created: {name}</source>
        <translation>Cuenta creada: {name}</translation>
    </message>
    <message>
        <source>Disabled: {name}</source>
        <translation>Desactivada: {name}</translation>
    </message>
    <message>
        <source>Enabled: {name}</source>
        <translation>Activada: {name}</translation>
    </message>
    <message>
        <source>Scope changed: {name}</source>
        <translation>Ámbito cambiado: {name}</translation>
    </message>
    <message>
        <source>Password reset: {name}</source>
        <translation>Contraseña restablecida: {name}</translation>
    </message>
</context>
<context>
    <name>StudentRecordDialog</name>
    <message>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <source>Guardians</source>
        <translation>Tutores</translation>
    </message>
    <message>
        <source>Enrolments</source>
        <translation>Inscripciones</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>&amp;Marks</source>
        <translation>&amp;Marcas</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Credenciales</translation>
    </message>
    <message>
        <source>Case notes</source>
        <translation>Notas de seguimiento</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Historial de cambios</translation>
    </message>
    <message>
        <source>Medical</source>
        <translation>Médico</translation>
    </message>
    <message>
        <source>Trend and hours</source>
        <translation>Tendencia y horas</translation>
    </message>
    <message>
        <source>C&amp;urriculum</source>
        <translation>C&amp;urrículo</translation>
    </message>
    <message>
        <source>No guardians recorded.</source>
        <translation>Ningún tutor registrado.</translation>
    </message>
    <message>
        <source>Not enrolled in any class yet.</source>
        <translation>Todavía no está inscrito en ninguna clase.</translation>
    </message>
    <message>
        <source>No attendance yet: the student is in no class that has held a session.</source>
        <translation>Todavía no hay asistencia: el estudiante no está en ninguna clase que haya celebrado una sesión.</translation>
    </message>
    <message>
        <source>No marks yet: no session of this student has been marked.</source>
        <translation>Todavía no hay marcas: no se ha marcado ninguna sesión de este estudiante.</translation>
    </message>
    <message>
        <source>No credentials yet.</source>
        <translation>Todavía no hay credenciales.</translation>
    </message>
    <message>
        <source>No case notes.</source>
        <translation>Ninguna nota de seguimiento.</translation>
    </message>
    <message>
        <source>No changes recorded for this student on this workstation.</source>
        <translation>Ningún cambio registrado para este estudiante en este puesto.</translation>
    </message>
    <message>
        <source>No medical or emergency details recorded.</source>
        <translation>Ningún dato médico o de emergencia registrado.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>Número de estudiante</translation>
    </message>
    <message>
        <source>Resident / DOC id</source>
        <translation>N.º de residente / interno</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Enrolled since</source>
        <translation>Inscrito desde</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Contacto de emergencia</translation>
    </message>
    <message>
        <source>Their phone</source>
        <translation>Su teléfono</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Alergias</translation>
    </message>
    <message>
        <source>Medical notes</source>
        <translation>Notas médicas</translation>
    </message>
    <message>
        <source>Medical and emergency details are shown to administrators only.</source>
        <translation>Los datos médicos y de emergencia solo se muestran a los administradores.</translation>
    </message>
    <message>
        <source>Student record</source>
        <translation>Expediente del estudiante</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Parts of the record</source>
        <translation>Partes del expediente</translation>
    </message>
    <message>
        <source>Enter or double-click opens that session&apos;s attendance sheet.</source>
        <translation>Intro o doble clic abre la hoja de asistencia de esa sesión.</translation>
    </message>
    <message>
        <source>Close the record</source>
        <translation>Cerrar el expediente</translation>
    </message>
    <message>
        <source>&amp;Print ID card…</source>
        <translation>&amp;Imprimir la tarjeta…</translation>
    </message>
    <message>
        <source>Print the student&apos;s ID card</source>
        <translation>Imprimir la tarjeta de identificación del estudiante</translation>
    </message>
    <message>
        <source>Attendance by week</source>
        <translation>Asistencia por semana</translation>
    </message>
    <message>
        <source>Hours earned against hours required</source>
        <translation>Horas obtenidas frente a horas exigidas</translation>
    </message>
</context>
<context>
    <name>StudentsView</name>
    <message>
        <source>Search by name, student number or id…</source>
        <translation>Buscar por nombre, número de estudiante o id…</translation>
    </message>
    <message>
        <source>Search students</source>
        <translation>Buscar estudiantes</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Estudiantes</translation>
    </message>
    <message>
        <source>Print ID cards…</source>
        <translation>Imprimir tarjetas…</translation>
    </message>
    <message>
        <source>Print the ID cards of the facility</source>
        <translation>Imprimir las tarjetas de identificación del centro</translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) shown</source>
        <translation>
            <numerusform>%n estudiante mostrado</numerusform>
            <numerusform>%n estudiantes mostrados</numerusform>
        </translation>
    </message>
    <message>
        <source>No student matches “{text}”.</source>
        <translation>Ningún estudiante coincide con «{text}».</translation>
    </message>
    <message>
        <source>No students in this facility yet.</source>
        <translation>Todavía no hay estudiantes en este centro.</translation>
    </message>
</context>
<context>
    <name>SubstituteDialog</name>
    <message>
        <source>Substitute for {klass}</source>
        <translation>Suplente para {klass}</translation>
    </message>
    <message>
        <source>no one</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>Substitute instructor</source>
        <translation>Instructor suplente</translation>
    </message>
    <message>
        <source>e.g. sick leave</source>
        <translation>p. ej. baja por enfermedad</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>&amp;This session</source>
        <translation>&amp;Esta sesión</translation>
    </message>
    <message>
        <source>This session only</source>
        <translation>Solo esta sesión</translation>
    </message>
    <message>
        <source>All &amp;future sessions</source>
        <translation>Todas las sesiones &amp;futuras</translation>
    </message>
    <message>
        <source>All future sessions</source>
        <translation>Todas las sesiones futuras</translation>
    </message>
    <message>
        <source>Allow a &amp;clash (the substitute teaches then)</source>
        <translation>Permitir un &amp;conflicto (el suplente ya enseña entonces)</translation>
    </message>
    <message>
        <source>Allow a clash</source>
        <translation>Permitir un conflicto</translation>
    </message>
    <message>
        <source>Allow &amp;outside their availability (weekly hours, time off)</source>
        <translation>Permitir fuera de su disp&amp;onibilidad (horario semanal, ausencias)</translation>
    </message>
    <message>
        <source>Save the substitute</source>
        <translation>Guardar el suplente</translation>
    </message>
    <message>
        <source>Allow outside availability</source>
        <translation>Permitir fuera de la disponibilidad</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Cerrar sin guardar</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>&amp;Substitute</source>
        <translation>&amp;Suplente</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <source>Apply to</source>
        <translation>Aplicar a</translation>
    </message>
    <message>
        <source>No other instructor works at this facility.</source>
        <translation>Ningún otro instructor trabaja en este centro.</translation>
    </message>
    <message>
        <source>This session would clash:</source>
        <translation>Esta sesión tendría un conflicto:</translation>
    </message>
    <message>
        <source>Not available then:</source>
        <translation>No disponible entonces:</translation>
    </message>
    <message>
        <source>Allow outside their availability</source>
        <translation>Permitir fuera de su disponibilidad</translation>
    </message>
    <message>
        <source>Choose someone else, or tick {boxes}.</source>
        <translation>Elija a otra persona, o marque {boxes}.</translation>
    </message>
    <message>
        <source>{name} is free and available at this session&apos;s time.</source>
        <translation>{name} está libre y disponible a la hora de esta sesión.</translation>
    </message>
    <message>
        <source>{name} — not available then</source>
        <translation>{name} — no disponible entonces</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Not saved: the substitute already teaches then.</source>
        <translation>No se guardó: el suplente ya enseña entonces.</translation>
    </message>
    <message>
        <source>Choose someone else, or tick Allow a clash and save again.</source>
        <translation>Elija a otra persona, o marque Permitir un conflicto y guarde de nuevo.</translation>
    </message>
    <message>
        <source>Not saved: the substitute is not available then.</source>
        <translation>No se guardó: el suplente no está disponible entonces.</translation>
    </message>
    <message>
        <source>Choose someone else, or tick Allow outside their availability.</source>
        <translation>Elija a otra persona, o marque Permitir fuera de su disponibilidad.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>never synced</source>
        <translation>nunca sincronizado</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>sincronizado</translation>
    </message>
    <message>
        <source>pending {n} since {since} UTC</source>
        <translation>{n} pendientes desde {since} UTC</translation>
    </message>
    <message>
        <source>needs attention: {n} to review</source>
        <translation>requiere atención: {n} por revisar</translation>
    </message>
    <message>
        <source>, {n} pending</source>
        <translation>, {n} pendientes</translation>
    </message>
    <message>
        <source> · last sync {age}</source>
        <translation> · última sincronización {age}</translation>
    </message>
    <message>
        <source> · this computer&apos;s clock is {minutes} min off</source>
        <translation> · el reloj de este ordenador va desfasado {minutes} min</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>aún sin sincronizar</translation>
    </message>
    <message>
        <source>all changes sent</source>
        <translation>todos los cambios enviados</translation>
    </message>
    <message>
        <source>{n} to review on the Sync screen</source>
        <translation>{n} por revisar en la pantalla Sincronización</translation>
    </message>
    <message>
        <source>1 change not sent yet</source>
        <translation>1 cambio aún sin enviar</translation>
    </message>
    <message>
        <source>{n} changes not sent yet</source>
        <translation>{n} cambios aún sin enviar</translation>
    </message>
    <message>
        <source>last synced {when}</source>
        <translation>última sincronización {when}</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>hace {n} min</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>hace {n} h</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>hace {n} días</translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <source>Nothing waits for you. This workstation has not synced with a server yet.</source>
        <translation>Nada le espera. Este puesto todavía no se ha sincronizado con un servidor.</translation>
    </message>
    <message>
        <source>Nothing waits for you: no conflicts or refusals. 1 change will be sent at the next sync.</source>
        <translation>Nada le espera: ni conflictos ni rechazos. 1 cambio se enviará en la próxima sincronización.</translation>
    </message>
    <message>
        <source>Nothing waits for you: no conflicts or refusals. {n} changes will be sent at the next sync.</source>
        <translation>Nada le espera: ni conflictos ni rechazos. {n} cambios se enviarán en la próxima sincronización.</translation>
    </message>
    <message>
        <source>Nothing waits for you: every change was sent and accepted.</source>
        <translation>Nada le espera: cada cambio se envió y fue aceptado.</translation>
    </message>
    <message>
        <source>Conflicts and refusals</source>
        <translation>Conflictos y rechazos</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Sincronizar ahora (&amp;N)</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Conservar el &amp;mío</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>Conservar el &amp;suyo</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Conservar el mío</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Conservar el suyo</translation>
    </message>
    <message>
        <source>the facility&apos;s transfer key</source>
        <translation>la clave de transferencia del centro</translation>
    </message>
    <message>
        <source>Transfer key</source>
        <translation>Clave de transferencia</translation>
    </message>
    <message>
        <source>&amp;Export transfer file…</source>
        <translation>&amp;Exportar archivo de transferencia…</translation>
    </message>
    <message>
        <source>&amp;Apply transfer file…</source>
        <translation>&amp;Aplicar archivo de transferencia…</translation>
    </message>
    <message>
        <source>Export transfer file</source>
        <translation>Exportar archivo de transferencia</translation>
    </message>
    <message>
        <source>Apply transfer file</source>
        <translation>Aplicar archivo de transferencia</translation>
    </message>
    <message>
        <source>Transfer &amp;key:</source>
        <translation>Clave de transferencia (&amp;K):</translation>
    </message>
    <message>
        <source>Sync &amp; conflicts</source>
        <translation>Sincronización y conflictos</translation>
    </message>
    <message>
        <source>Type the facility&apos;s transfer key first: it locks and opens the files.</source>
        <translation>Escriba primero la clave de transferencia del centro: cierra y abre los archivos.</translation>
    </message>
    <message>
        <source>Rollbook transfer files (*.rbx);;All files (*)</source>
        <translation>Archivos de transferencia de Rollbook (*.rbx);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Writing the transfer file…</source>
        <translation>Escribiendo el archivo de transferencia…</translation>
    </message>
    <message>
        <source>Transfer file No. {0} written to {1}. Import it at a connected computer (rollbook transfer import), then apply its reply here.</source>
        <translation>Archivo de transferencia n.º {0} escrito en {1}. Impórtelo en un ordenador conectado (rollbook transfer import) y aplique aquí su respuesta.</translation>
    </message>
    <message>
        <source>Rollbook transfer replies (*.reply);;All files (*)</source>
        <translation>Respuestas de transferencia de Rollbook (*.reply);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Applying the reply…</source>
        <translation>Aplicando la respuesta…</translation>
    </message>
    <message>
        <source>Reply No. {0} applied: this workstation is up to date with it.</source>
        <translation>Respuesta n.º {0} aplicada: este puesto está al día con ella.</translation>
    </message>
</context>
<context>
    <name>TimeGrid</name>
    <message>
        <source>no room</source>
        <translation>sin aula</translation>
    </message>
    <message>
        <source>no instructor</source>
        <translation>sin instructor</translation>
    </message>
    <message>
        <source>⚠</source>
        <translation>⚠</translation>
    </message>
</context>
<context>
    <name>TimeGridHeader</name>
    <message>
        <source> · today</source>
        <translation> · hoy</translation>
    </message>
    <message>
        <source> · closed</source>
        <translation> · cerrado</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Students at &amp;risk</source>
        <translation>Estudiantes en &amp;riesgo</translation>
    </message>
    <message>
        <source>Sessions today and in the next 6 days</source>
        <translation>Sesiones de hoy y de los próximos 6 días</translation>
    </message>
    <message>
        <source>Attendance still missing</source>
        <translation>Asistencia aún pendiente</translation>
    </message>
    <message>
        <source>Students at risk</source>
        <translation>Estudiantes en riesgo</translation>
    </message>
    <message>
        <source>Today and the next 7 days — {facility}</source>
        <translation>Hoy y los próximos 7 días — {facility}</translation>
    </message>
    <message>
        <source>{day} · times in {timezone}</source>
        <translation>{day} · horas en {timezone}</translation>
    </message>
    <message>
        <source>Looking for students at risk…</source>
        <translation>Buscando estudiantes en riesgo…</translation>
    </message>
    <message>
        <source>1 past session of the last {days} days — Enter opens</source>
        <translation>1 sesión pasada de los últimos {days} días — Intro la abre</translation>
    </message>
    <message>
        <source>{n} past sessions of the last {days} days — Enter opens</source>
        <translation>{n} sesiones pasadas de los últimos {days} días — Intro abre</translation>
    </message>
    <message>
        <source>Nothing is missing: every session that ended in the last {days} days is fully marked.</source>
        <translation>No falta nada: cada sesión terminada en los últimos {days} días está completamente marcada.</translation>
    </message>
    <message>
        <source>No sessions from today to {day}: no class of {facility} meets then.</source>
        <translation>Ninguna sesión de hoy al {day}: ninguna clase de {facility} se reúne entonces.</translation>
    </message>
    <message>
        <source>{total} sessions from {day} — hover for classes</source>
        <translation>{total} sesiones desde el {day} — pase el ratón para ver las clases</translation>
    </message>
    <message>
        <source>{n} in {where}: not attended yet, 3 unexcused absences or 3 in a row — Enter opens the record</source>
        <translation>{n} en {where}: sin asistir aún, 3 ausencias injustificadas o 3 seguidas — Intro abre el expediente</translation>
    </message>
    <message>
        <source>No students at risk in {where}: nobody has 3 unexcused absences or 3 in a row, and everyone enrolled has attended.</source>
        <translation>Ningún estudiante en riesgo en {where}: nadie tiene 3 ausencias injustificadas ni 3 seguidas, y todos los inscritos han asistido.</translation>
    </message>
    <message>
        <source>your classes</source>
        <translation>sus clases</translation>
    </message>
    <message>
        <source>the facility</source>
        <translation>el centro</translation>
    </message>
</context>
<context>
    <name>WeekGlanceChart</name>
    <message>
        <source>No sessions this week.</source>
        <translation>Ninguna sesión esta semana.</translation>
    </message>
    <message>
        <source>No week to show.</source>
        <translation>Ninguna semana que mostrar.</translation>
    </message>
    <message>
        <source>{when}: no sessions.</source>
        <translation>{when}: ninguna sesión.</translation>
    </message>
</context>
<context>
    <name>WeeklyRateChart</name>
    <message>
        <source>No sessions held in these weeks.</source>
        <translation>Ninguna sesión celebrada en estas semanas.</translation>
    </message>
    <message>
        <source>No attendance to show.</source>
        <translation>Ninguna asistencia que mostrar.</translation>
    </message>
    <message>
        <source>Week of {day}: no sessions held.</source>
        <translation>Semana del {day}: ninguna sesión celebrada.</translation>
    </message>
    <message>
        <source>Week of {day}: {attended} of {held} attended ({rate}%).</source>
        <translation>Semana del {day}: {attended} asistencias de {held} ({rate} %).</translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <source>Nothing to show yet.</source>
        <translation>Nada que mostrar todavía.</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>{table} added</source>
        <translation>{table}: alta</translation>
    </message>
    <message>
        <source>{table} changed</source>
        <translation>{table}: cambio</translation>
    </message>
    <message>
        <source>{table} removed</source>
        <translation>{table}: baja</translation>
    </message>
    <message>
        <source>{table} added — {klass}, {day}</source>
        <translation>{table}: alta — {klass}, {day}</translation>
    </message>
    <message>
        <source>{table} changed — {klass}, {day}</source>
        <translation>{table}: cambio — {klass}, {day}</translation>
    </message>
    <message>
        <source>{table} removed — {klass}, {day}</source>
        <translation>{table}: baja — {klass}, {day}</translation>
    </message>
    <message>
        <source>a removed class</source>
        <translation>una clase eliminada</translation>
    </message>
</context>
<context>
    <name>cards</name>
    <message>
        <source>{what} has no students: there are no cards to print.</source>
        <translation>{what} no tiene estudiantes: no hay carnés que imprimir.</translation>
    </message>
    <message>
        <source>No student of {what} has a student number a barcode can hold (printable ASCII).</source>
        <translation>Ningún estudiante de {what} tiene un número de estudiante que un código de barras pueda llevar (ASCII imprimible).</translation>
    </message>
    <message>
        <source>The facility</source>
        <translation>El centro</translation>
    </message>
    <message>
        <source>There are no cards to print.</source>
        <translation>No hay carnés que imprimir.</translation>
    </message>
    <message>
        <source>Student ID cards</source>
        <translation>Carnés de estudiante</translation>
    </message>
    <message>
        <source>STUDENT ID</source>
        <translation>CARNÉ DE ESTUDIANTE</translation>
    </message>
    <message>
        <source>Student no. {number}</source>
        <translation>N.º de estudiante: {number}</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>Attendance by week</source>
        <translation>Asistencia por semana</translation>
    </message>
    <message>
        <source>Hours earned</source>
        <translation>Horas obtenidas</translation>
    </message>
    <message>
        <source>The week at a glance</source>
        <translation>La semana de un vistazo</translation>
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Modules completed</source>
        <translation>Módulos completados</translation>
    </message>
    <message>
        <source>Lessons completed</source>
        <translation>Lecciones completadas</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Percent</source>
        <translation>Porcentaje</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Última actividad</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lección</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Instructor</source>
        <translation>Instructor</translation>
    </message>
    <message>
        <source>Marked</source>
        <translation>Marcados</translation>
    </message>
    <message>
        <source>{marked} of {expected}</source>
        <translation>{marked} de {expected}</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscritos</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Celebradas</translation>
    </message>
    <message>
        <source>Rate %</source>
        <translation>Tasa %</translation>
    </message>
    <message>
        <source>Missing marks</source>
        <translation>Marcas pendientes</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Campo</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Asistencias</translation>
    </message>
    <message>
        <source>Absences</source>
        <translation>Ausencias</translation>
    </message>
    <message>
        <source>Made up</source>
        <translation>Recuperado</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Tasa</translation>
    </message>
    <message>
        <source>Still needed</source>
        <translation>Aún necesarias</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Título</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Emitido el</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>N.º de serie</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Cambios</translation>
    </message>
    <message>
        <source>Student-sessions</source>
        <translation>Plazas-sesión</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Movida</translation>
    </message>
    <message>
        <source>Not held (disruption)</source>
        <translation>No celebrada (interrupción)</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacidad</translation>
    </message>
    <message>
        <source>Waitlisted</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completados</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Bajas</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Estudiante</translation>
    </message>
    <message>
        <source>Student no.</source>
        <translation>N.º de estudiante</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horas</translation>
    </message>
    <message>
        <source>Progress %</source>
        <translation>Progreso %</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Justificado</translation>
    </message>
    <message>
        <source>Unmarked</source>
        <translation>Sin marcar</translation>
    </message>
    <message>
        <source>Lessons done</source>
        <translation>Lecciones hechas</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Lecciones</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Sessions attended</source>
        <translation>Sesiones asistidas</translation>
    </message>
    <message>
        <source>Session hours</source>
        <translation>Horas de sesión</translation>
    </message>
    <message>
        <source>Ledger hours</source>
        <translation>Horas en el registro</translation>
    </message>
    <message>
        <source>Total hours</source>
        <translation>Horas en total</translation>
    </message>
    <message>
        <source>Unverified hours</source>
        <translation>Horas sin verificar</translation>
    </message>
    <message>
        <source>Class ends</source>
        <translation>Fin de la clase</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Aula</translation>
    </message>
    <message>
        <source>On sheet</source>
        <translation>En la hoja</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Pendientes</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Marca</translation>
    </message>
    <message>
        <source>Marked by</source>
        <translation>Marcado por</translation>
    </message>
    <message>
        <source>Why it is here</source>
        <translation>Por qué está aquí</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Lista de espera</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N.º</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nombre de usuario</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Resident / DOC id</source>
        <translation>N.º de residente / interno</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registro</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>El suyo</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>En el servidor</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Por qué</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Tarde</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Parcial</translation>
    </message>
    <message>
        <source>Absent (excused)</source>
        <translation>Ausente (justificado)</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <source>Hours entry</source>
        <translation>Registro de horas</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Centro</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Aula</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Student profile</source>
        <translation>Perfil del estudiante</translation>
    </message>
    <message>
        <source>Medical details</source>
        <translation>Datos médicos</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tutor</translation>
    </message>
    <message>
        <source>Guardian link</source>
        <translation>Vínculo con el tutor</translation>
    </message>
    <message>
        <source>Staff scope</source>
        <translation>Ámbito del personal</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>Program type</source>
        <translation>Tipo de programa</translation>
    </message>
    <message>
        <source>Program at facility</source>
        <translation>Programa en el centro</translation>
    </message>
    <message>
        <source>Attendance policy</source>
        <translation>Norma de asistencia</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Módulo</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Lección</translation>
    </message>
    <message>
        <source>Lesson progress</source>
        <translation>Progreso de la lección</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Clase</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>Inscripción</translation>
    </message>
    <message>
        <source>Enrolment history</source>
        <translation>Historial de inscripción</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Credencial</translation>
    </message>
    <message>
        <source>Case note</source>
        <translation>Nota de seguimiento</translation>
    </message>
    <message>
        <source>Account history</source>
        <translation>Historial de la cuenta</translation>
    </message>
    <message>
        <source>Session series</source>
        <translation>Serie de sesiones</translation>
    </message>
    <message>
        <source>Session change</source>
        <translation>Cambio de sesión</translation>
    </message>
    <message>
        <source>Instructor hours</source>
        <translation>Horario del instructor</translation>
    </message>
    <message>
        <source>Time off</source>
        <translation>Ausencias</translation>
    </message>
    <message>
        <source>Closure</source>
        <translation>Cierre</translation>
    </message>
    <message>
        <source>Disruption</source>
        <translation>Interrupción</translation>
    </message>
    <message>
        <source>Make-up link</source>
        <translation>Vínculo de recuperación</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>Este puesto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Absence reason</source>
        <translation>Motivo de la ausencia</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutos</translation>
    </message>
    <message>
        <source>Marked by</source>
        <translation>Marcado por</translation>
    </message>
    <message>
        <source>Marked at</source>
        <translation>Marcado el</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Set for review</source>
        <translation>Para revisión</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Quitado</translation>
    </message>
    <message>
        <source>Session date</source>
        <translation>Fecha de la sesión</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>Número de estudiante</translation>
    </message>
    <message>
        <source>Resident / DOC id</source>
        <translation>N.º de residente / interno</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Fecha de nacimiento</translation>
    </message>
    <message>
        <source>Enrolled since</source>
        <translation>Inscrito desde</translation>
    </message>
    <message>
        <source>Enrolment status</source>
        <translation>Estado de la inscripción</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscritos</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>New start</source>
        <translation>Nuevo inicio</translation>
    </message>
    <message>
        <source>New length (minutes)</source>
        <translation>Nueva duración (minutos)</translation>
    </message>
    <message>
        <source>First session</source>
        <translation>Primera sesión</translation>
    </message>
    <message>
        <source>Length (minutes)</source>
        <translation>Duración (minutos)</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Repetición</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message>
        <source>Skipped days</source>
        <translation>Días omitidos</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>N.º de serie</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Emitido el</translation>
    </message>
    <message>
        <source>Clock-in</source>
        <translation>Fichaje de entrada</translation>
    </message>
    <message>
        <source>Clock-out</source>
        <translation>Fichaje de salida</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Contacto de emergencia</translation>
    </message>
    <message>
        <source>Their phone</source>
        <translation>Su teléfono</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Parentesco</translation>
    </message>
    <message>
        <source>Medical notes</source>
        <translation>Notas médicas</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Desactivado</translation>
    </message>
    <message>
        <source>Day of the week</source>
        <translation>Día de la semana</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Válido desde</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Válido hasta</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>A reason</source>
        <translation>Un motivo</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>no hours</source>
        <translation>ninguna hora</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… y {count} más</translation>
    </message>
    <message>
        <source>time off: {reason}</source>
        <translation>ausencia: {reason}</translation>
    </message>
    <message>
        <source>time off</source>
        <translation>ausencia</translation>
    </message>
    <message>
        <source>works {hours} that day</source>
        <translation>trabaja {hours} ese día</translation>
    </message>
    <message>
        <source>not working that day</source>
        <translation>no trabaja ese día</translation>
    </message>
    <message>
        <source>{name} is not available {when} ({why})</source>
        <translation>{name} no está disponible el {when} ({why})</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first} – {last}</translation>
    </message>
    <message>
        <source>rooms {rooms} and programs {programs}</source>
        <translation>aulas {rooms} y programas {programs}</translation>
    </message>
    <message>
        <source>rooms {rooms}</source>
        <translation>aulas {rooms}</translation>
    </message>
    <message>
        <source>programs {programs}</source>
        <translation>programas {programs}</translation>
    </message>
    <message>
        <source>every session</source>
        <translation>todas las sesiones</translation>
    </message>
    <message>
        <source>{when} · {room}</source>
        <translation>{when} · {room}</translation>
    </message>
    <message>
        <source>already marked {status}</source>
        <translation>ya marcado {status}</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>alguien</translation>
    </message>
    <message>
        <source>A removed class</source>
        <translation>Una clase eliminada</translation>
    </message>
    <message>
        <source>Its sessions were removed from the schedule; move the mark or keep it.</source>
        <translation>Sus sesiones se quitaron del horario; mueva la marca o consérvela.</translation>
    </message>
    <message>
        <source>The schedule no longer has a {name} session on {day}.</source>
        <translation>El horario ya no tiene una sesión de {name} el {day}.</translation>
    </message>
    <message>
        <source>That session was cancelled after the mark was taken.</source>
        <translation>Esa sesión se canceló después de tomar la marca.</translation>
    </message>
    <message>
        <source>The facility is closed on {day} ({reason}): no session is held then.</source>
        <translation>El centro está cerrado el {day} ({reason}): no hay sesiones ese día.</translation>
    </message>
    <message>
        <source>That session of {day} was moved to {when}.</source>
        <translation>Esa sesión del {day} se movió al {when}.</translation>
    </message>
    <message>
        <source>another workstation</source>
        <translation>otro puesto</translation>
    </message>
    <message>
        <source>Marked differently on two workstations: you marked {mine}, {who} marked {theirs}.</source>
        <translation>Marcado de forma distinta en dos puestos: usted marcó {mine}, {who} marcó {theirs}.</translation>
    </message>
    <message>
        <source>Marked differently on two workstations; {who}&apos;s mark {status} stands.</source>
        <translation>Marcado de forma distinta en dos puestos; se mantiene la marca {status} de {who}.</translation>
    </message>
    <message>
        <source>{room} is booked for {name}, {when}</source>
        <translation>{room} está reservada para {name}, {when}</translation>
    </message>
    <message>
        <source>The room is booked for {name}, {when}</source>
        <translation>El aula está reservada para {name}, {when}</translation>
    </message>
    <message>
        <source>{person} teaches {name}, {when}</source>
        <translation>{person} imparte {name}, {when}</translation>
    </message>
    <message>
        <source>The instructor teaches {name}, {when}</source>
        <translation>El instructor imparte {name}, {when}</translation>
    </message>
</context>
<context>
    <name>paper</name>
    <message>
        <source>Attendance: {klass}</source>
        <translation>Asistencia: {klass}</translation>
    </message>
    <message>
        <source>{marked} of {total} marked</source>
        <translation>{marked} de {total} marcados</translation>
    </message>
    <message>
        <source>{rows} rows are too many for a PDF (at most {most}). Filter the report or export it as XLSX or CSV.</source>
        <translation>{rows} filas son demasiadas para un PDF (como máximo {most}). Filtre el informe o expórtelo como XLSX o CSV.</translation>
    </message>
    <message>
        <source>Sign-in sheet: {klass}</source>
        <translation>Hoja de firmas: {klass}</translation>
    </message>
    <message>
        <source>{name} (substitute)</source>
        <translation>{name} (suplente)</translation>
    </message>
    <message>
        <source>Room: {room}    Instructor: {instructor}</source>
        <translation>Aula: {room}    Instructor: {instructor}</translation>
    </message>
    <message>
        <source>Mark: circle one — {letters}</source>
        <translation>Marca: rodee una — {letters}</translation>
    </message>
    <message>
        <source>{marked} of {total} marked · {statuses}</source>
        <translation>{marked} de {total} marcados · {statuses}</translation>
    </message>
    <message>
        <source>Instructor&apos;s signature:</source>
        <translation>Firma del instructor:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Fecha:</translation>
    </message>
    <message>
        <source>Page {number} of {count}</source>
        <translation>Página {number} de {count}</translation>
    </message>
    <message>
        <source>No sessions to print for {whose} on {day} (only cancelled ones): no file was written.</source>
        <translation>No hay sesiones que imprimir para {whose} el {day} (solo canceladas): no se escribió ningún archivo.</translation>
    </message>
    <message>
        <source>No sessions to print for {whose} on {day}: no file was written.</source>
        <translation>No hay sesiones que imprimir para {whose} el {day}: no se escribió ningún archivo.</translation>
    </message>
    <message>
        <source>No sessions to print for {whose} in the week of {day} (only cancelled ones): no file was written.</source>
        <translation>No hay sesiones que imprimir para {whose} la semana del {day} (solo canceladas): no se escribió ningún archivo.</translation>
    </message>
    <message>
        <source>No sessions to print for {whose} in the week of {day}: no file was written.</source>
        <translation>No hay sesiones que imprimir para {whose} la semana del {day}: no se escribió ningún archivo.</translation>
    </message>
    <message>
        <source>Sign-in sheets: {whose} on {day}</source>
        <translation>Hojas de firmas: {whose} el {day}</translation>
    </message>
    <message>
        <source>Sign-in sheets: {whose} in the week of {day}</source>
        <translation>Hojas de firmas: {whose} la semana del {day}</translation>
    </message>
    <message>
        <source>the facility</source>
        <translation>el centro</translation>
    </message>
    <message>
        <source>There are no sessions to print.</source>
        <translation>No hay sesiones que imprimir.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Export the report</source>
        <translation>Exportar el informe</translation>
    </message>
</context>
<context>
    <name>refusal</name>
    <message>
        <source>The file could not be written: </source>
        <translation>No se pudo escribir el archivo: </translation>
    </message>
    <message>
        <source>The check-out time is before the check-in time</source>
        <translation>La hora de salida es anterior a la de entrada</translation>
    </message>
    <message>
        <source>{field} contains a control character</source>
        <translation>{field} contiene un carácter de control</translation>
    </message>
    <message>
        <source>{field} is required</source>
        <translation>{field} es obligatorio</translation>
    </message>
    <message>
        <source>{field} is longer than {most} characters</source>
        <translation>{field} supera los {most} caracteres</translation>
    </message>
    <message>
        <source>The calendar window ends before it starts</source>
        <translation>El intervalo del calendario termina antes de empezar</translation>
    </message>
    <message>
        <source>A proposed session ends before it starts</source>
        <translation>Una sesión propuesta termina antes de empezar</translation>
    </message>
    <message>
        <source>The period ends before it starts</source>
        <translation>El periodo termina antes de empezar</translation>
    </message>
    <message>
        <source>The enrollment ends before it starts</source>
        <translation>La inscripción termina antes de empezar</translation>
    </message>
    <message>
        <source>The time log ends before it starts</source>
        <translation>El registro de horas termina antes de empezar</translation>
    </message>
    <message>
        <source>An absence reason goes only with an absence.</source>
        <translation>Un motivo de ausencia solo va con una ausencia.</translation>
    </message>
    <message>
        <source>Check-in, check-out and minutes go only with attendance, not with an absence.</source>
        <translation>Entrada, salida y minutos solo van con una asistencia, no con una ausencia.</translation>
    </message>
    <message>
        <source>Minutes must be a whole number.</source>
        <translation>Los minutos deben ser un número entero.</translation>
    </message>
    <message>
        <source>Minutes must be between 0 and {most}.</source>
        <translation>Los minutos deben estar entre 0 y {most}.</translation>
    </message>
    <message>
        <source>The minutes do not match the check-in and check-out times.</source>
        <translation>Los minutos no coinciden con las horas de entrada y salida.</translation>
    </message>
    <message>
        <source>This session was cancelled.</source>
        <translation>Esta sesión se canceló.</translation>
    </message>
    <message>
        <source>This session has not started yet.</source>
        <translation>Esta sesión aún no ha empezado.</translation>
    </message>
    <message>
        <source>This student is not on the roster of this session.</source>
        <translation>Este estudiante no está en la lista de esta sesión.</translation>
    </message>
    <message>
        <source>A student is no longer on the roster of this session; nothing was undone.</source>
        <translation>Un estudiante ya no está en la lista de esta sesión; no se deshizo nada.</translation>
    </message>
    <message>
        <source>{refusal} Attendance cannot be taken for it.</source>
        <translation>{refusal} No se puede tomar asistencia en ella.</translation>
    </message>
    <message>
        <source>That student number is already in use.</source>
        <translation>Ese número de estudiante ya está en uso.</translation>
    </message>
    <message>
        <source>That email address is already in use.</source>
        <translation>Esa dirección de correo ya está en uso.</translation>
    </message>
    <message>
        <source>That user name is already taken.</source>
        <translation>Ese nombre de usuario ya está ocupado.</translation>
    </message>
    <message>
        <source>A facility with that name already exists.</source>
        <translation>Ya existe un centro con ese nombre.</translation>
    </message>
    <message>
        <source>A program with that name already exists.</source>
        <translation>Ya existe un programa con ese nombre.</translation>
    </message>
    <message>
        <source>This facility already has a room with that name.</source>
        <translation>Este centro ya tiene un aula con ese nombre.</translation>
    </message>
    <message>
        <source>The student is already on this roster.</source>
        <translation>El estudiante ya está en esta lista.</translation>
    </message>
    <message>
        <source>A credential with that serial number already exists.</source>
        <translation>Ya existe una credencial con ese número de serie.</translation>
    </message>
    <message>
        <source>Attendance for this student and session is already recorded.</source>
        <translation>La asistencia de este estudiante a esta sesión ya está registrada.</translation>
    </message>
    <message>
        <source>That record already exists.</source>
        <translation>Ese registro ya existe.</translation>
    </message>
    <message>
        <source>&quot;{stretch}&quot; is not a stretch of hours: write it as 09:00-17:00.</source>
        <translation>«{stretch}» no es un tramo de horas: escríbalo como 09:00-17:00.</translation>
    </message>
    <message>
        <source>&quot;{stretch}&quot; ends before it starts.</source>
        <translation>«{stretch}» termina antes de empezar.</translation>
    </message>
    <message>
        <source>{first} (and {count} more sessions).</source>
        <translation>{first} (y {count} sesiones más).</translation>
    </message>
    <message>
        <source>{first}.</source>
        <translation>{first}.</translation>
    </message>
    <message>
        <source>Choose a weekday from Monday to Sunday.</source>
        <translation>Elija un día de lunes a domingo.</translation>
    </message>
    <message>
        <source>{day} {start}: hours run from 00:00 to 24:00.</source>
        <translation>{day} {start}: las horas van de 00:00 a 24:00.</translation>
    </message>
    <message>
        <source>{day} {start}–{end}: the end must be after the start.</source>
        <translation>{day} {start}–{end}: el final debe ser posterior al inicio.</translation>
    </message>
    <message>
        <source>{day} {start}: valid until {until}, before it is valid from {since}.</source>
        <translation>{day} {start}: válido hasta el {until}, antes de ser válido desde el {since}.</translation>
    </message>
    <message>
        <source>Time off from {when}: the end must be after the start.</source>
        <translation>Ausencia desde el {when}: el final debe ser posterior al inicio.</translation>
    </message>
    <message>
        <source>At most {most} entries of each kind.</source>
        <translation>Como máximo {most} entradas de cada tipo.</translation>
    </message>
    <message>
        <source>The days end before they start.</source>
        <translation>Los días terminan antes de empezar.</translation>
    </message>
    <message>
        <source>The session series does not exist or was deleted.</source>
        <translation>La serie de sesiones no existe o se eliminó.</translation>
    </message>
    <message>
        <source>The facility does not exist.</source>
        <translation>El centro no existe.</translation>
    </message>
    <message>
        <source>{room} is already booked for {name} on {when}.</source>
        <translation>{room} ya está reservada para {name} el {when}.</translation>
    </message>
    <message>
        <source>The room is already booked for {name} on {when}.</source>
        <translation>El aula ya está reservada para {name} el {when}.</translation>
    </message>
    <message>
        <source>{person} is already teaching {name} on {when}.</source>
        <translation>{person} ya imparte {name} el {when}.</translation>
    </message>
    <message>
        <source>The instructor is already teaching {name} on {when}.</source>
        <translation>El instructor ya imparte {name} el {when}.</translation>
    </message>
    <message>
        <source>{message} (1 more clash)</source>
        <translation>{message} (1 conflicto más)</translation>
    </message>
    <message>
        <source>{message} ({count} more clashes)</source>
        <translation>{message} ({count} conflictos más)</translation>
    </message>
    <message>
        <source>Only administrators declare or remove closures.</source>
        <translation>Solo los administradores declaran o quitan cierres.</translation>
    </message>
    <message>
        <source>The closure ends before it starts.</source>
        <translation>El cierre termina antes de empezar.</translation>
    </message>
    <message>
        <source>A closure can span at most {most} days.</source>
        <translation>Un cierre puede abarcar como máximo {most} días.</translation>
    </message>
    <message>
        <source>The facility does not exist or was deleted.</source>
        <translation>El centro no existe o se eliminó.</translation>
    </message>
    <message>
        <source>Already closed: {dates} ({reason}).</source>
        <translation>Ya cerrado: {dates} ({reason}).</translation>
    </message>
    <message>
        <source>The closure does not exist or was removed.</source>
        <translation>El cierre no existe o se quitó.</translation>
    </message>
    <message>
        <source>Only administrators declare or lift disruptions.</source>
        <translation>Solo los administradores declaran o levantan interrupciones.</translation>
    </message>
    <message>
        <source>Give the window in the facility&apos;s wall-clock time.</source>
        <translation>Indique el intervalo en la hora local del centro.</translation>
    </message>
    <message>
        <source>The disruption must end after it starts.</source>
        <translation>La interrupción debe terminar después de empezar.</translation>
    </message>
    <message>
        <source>A disruption can last at most {most} days; declare a closure for longer.</source>
        <translation>Una interrupción dura como máximo {most} días; declare un cierre para más tiempo.</translation>
    </message>
    <message>
        <source>A room chosen is not of this facility.</source>
        <translation>Un aula elegida no es de este centro.</translation>
    </message>
    <message>
        <source>A program chosen has no sessions at this facility.</source>
        <translation>Un programa elegido no tiene sesiones en este centro.</translation>
    </message>
    <message>
        <source>The disruption does not exist or was removed.</source>
        <translation>La interrupción no existe o se quitó.</translation>
    </message>
    <message>
        <source>The disruption was lifted already.</source>
        <translation>La interrupción ya se levantó.</translation>
    </message>
    <message>
        <source>Choose the missed sessions the make-up is for.</source>
        <translation>Elija las sesiones perdidas que recupera la sesión de recuperación.</translation>
    </message>
    <message>
        <source>That session is not a make-up for it.</source>
        <translation>Esa sesión no es su recuperación.</translation>
    </message>
    <message>
        <source>The session does not exist or was deleted.</source>
        <translation>La sesión no existe o se eliminó.</translation>
    </message>
    <message>
        <source>The make-up session is not held: there is no session that day.</source>
        <translation>La sesión de recuperación no se celebra: no hay sesión ese día.</translation>
    </message>
    <message>
        <source>The make-up session is cancelled.</source>
        <translation>La sesión de recuperación está cancelada.</translation>
    </message>
    <message>
        <source>A missed session does not exist or was deleted.</source>
        <translation>Una sesión perdida no existe o se eliminó.</translation>
    </message>
    <message>
        <source>Nobody missed the session of {day}: it was not held.</source>
        <translation>Nadie faltó a la sesión del {day}: no se celebró.</translation>
    </message>
    <message>
        <source>A make-up session makes up sessions of its own class.</source>
        <translation>Una sesión de recuperación recupera sesiones de su propia clase.</translation>
    </message>
    <message>
        <source>The make-up must come after the session it makes up.</source>
        <translation>La recuperación debe ser posterior a la sesión que recupera.</translation>
    </message>
    <message>
        <source>Choose this session or all future sessions.</source>
        <translation>Elija esta sesión o todas las sesiones futuras.</translation>
    </message>
    <message>
        <source>The new start must be a local wall time of the facility.</source>
        <translation>El nuevo inicio debe ser una hora local del centro.</translation>
    </message>
    <message>
        <source>This session is cancelled; restore it before moving it.</source>
        <translation>Esta sesión está cancelada; restáurela antes de moverla.</translation>
    </message>
    <message>
        <source>This session has no changes to undo.</source>
        <translation>Esta sesión no tiene cambios que deshacer.</translation>
    </message>
    <message>
        <source>The series has no session on {day}.</source>
        <translation>La serie no tiene sesión el {day}.</translation>
    </message>
    <message>
        <source>The class does not exist or was deleted.</source>
        <translation>La clase no existe o se eliminó.</translation>
    </message>
    <message>
        <source>{name} has no session on {day}.</source>
        <translation>{name} no tiene sesión el {day}.</translation>
    </message>
    <message>
        <source>The facility does not exist or was removed.</source>
        <translation>El centro no existe o se quitó.</translation>
    </message>
    <message>
        <source>“{kind}” is not a report.</source>
        <translation>«{kind}» no es un informe.</translation>
    </message>
    <message>
        <source>The period is made of calendar dates.</source>
        <translation>El periodo se compone de fechas del calendario.</translation>
    </message>
    <message>
        <source>A report can span at most a year.</source>
        <translation>Un informe abarca como máximo un año.</translation>
    </message>
    <message>
        <source>This mark&apos;s session is no longer held, so a new status cannot be taken for it. Move the mark to the session where it belongs, or keep it.</source>
        <translation>La sesión de esta marca ya no se celebra, así que no puede tomar un nuevo estado. Mueva la marca a la sesión a la que pertenece, o consérvela.</translation>
    </message>
    <message>
        <source>A mark can only move to another session of its own class.</source>
        <translation>Una marca solo puede moverse a otra sesión de su propia clase.</translation>
    </message>
    <message>
        <source>That session was cancelled; choose another.</source>
        <translation>Esa sesión se canceló; elija otra.</translation>
    </message>
    <message>
        <source>That session has not started yet; choose another.</source>
        <translation>Esa sesión aún no ha empezado; elija otra.</translation>
    </message>
    <message>
        <source>The mark is already on that session.</source>
        <translation>La marca ya está en esa sesión.</translation>
    </message>
    <message>
        <source>{name} is not on the roster of that session.</source>
        <translation>{name} no está en la lista de esa sesión.</translation>
    </message>
    <message>
        <source>{name} already has a mark on that session ({status}): change it there, or keep this one.</source>
        <translation>{name} ya tiene una marca en esa sesión ({status}): cámbiela allí, o conserve esta.</translation>
    </message>
    <message>
        <source>That mark was removed or is no longer on this workstation.</source>
        <translation>Esa marca se quitó o ya no está en este puesto.</translation>
    </message>
    <message>
        <source>The student does not exist or was deleted.</source>
        <translation>El estudiante no existe o se eliminó.</translation>
    </message>
    <message>
        <source>The enrollment does not exist or was deleted.</source>
        <translation>La inscripción no existe o se eliminó.</translation>
    </message>
    <message>
        <source>The student is already in this class; choose another class.</source>
        <translation>El estudiante ya está en esta clase; elija otra clase.</translation>
    </message>
    <message>
        <source>{name} is at another facility. Transfer the student to that facility first, then enrol them there.</source>
        <translation>{name} está en otro centro. Traslade primero al estudiante a ese centro y luego inscríbalo allí.</translation>
    </message>
    <message>
        <source>{name} is not a student.</source>
        <translation>{name} no es un estudiante.</translation>
    </message>
    <message>
        <source>{name} is cancelled; no one can join it.</source>
        <translation>{name} está cancelada; nadie puede unirse.</translation>
    </message>
    <message>
        <source>{name} is completed; no one can join it.</source>
        <translation>{name} está terminada; nadie puede unirse.</translation>
    </message>
    <message>
        <source>{student} belongs to another facility than {name}.</source>
        <translation>{student} pertenece a otro centro que {name}.</translation>
    </message>
    <message>
        <source>The student is already on the waitlist of this class.</source>
        <translation>El estudiante ya está en la lista de espera de esta clase.</translation>
    </message>
    <message>
        <source>{name} is full ({taken} of {capacity} places taken). Put the student on the waitlist instead.</source>
        <translation>{name} está completa ({taken} de {capacity} plazas ocupadas). Ponga al estudiante en la lista de espera.</translation>
    </message>
    <message>
        <source>{name} is full ({taken} of {capacity} places taken).</source>
        <translation>{name} está completa ({taken} de {capacity} plazas ocupadas).</translation>
    </message>
    <message>
        <source>A calendar window can span at most a year.</source>
        <translation>Un intervalo del calendario abarca como máximo un año.</translation>
    </message>
    <message>
        <source>Proposed times must be instants (with a timezone).</source>
        <translation>Las horas propuestas deben ser instantes (con zona horaria).</translation>
    </message>
    <message>
        <source>A session lasts from one minute to 24 hours.</source>
        <translation>Una sesión dura de un minuto a 24 horas.</translation>
    </message>
    <message>
        <source>Repeat every 1 to {most} weeks or days.</source>
        <translation>Repita cada 1 a {most} semanas o días.</translation>
    </message>
    <message>
        <source>Choose at least one weekday.</source>
        <translation>Elija al menos un día de la semana.</translation>
    </message>
    <message>
        <source>Choose how the sessions repeat.</source>
        <translation>Elija cómo se repiten las sesiones.</translation>
    </message>
    <message>
        <source>Choose the last day of the series.</source>
        <translation>Elija el último día de la serie.</translation>
    </message>
    <message>
        <source>The last day ({last}) is before the first ({first}).</source>
        <translation>El último día ({last}) es anterior al primero ({first}).</translation>
    </message>
    <message>
        <source>The series has from 1 to {most} sessions.</source>
        <translation>La serie tiene de 1 a {most} sesiones.</translation>
    </message>
    <message>
        <source>A series stays with its class: create a new series for another class.</source>
        <translation>Una serie se queda con su clase: cree una serie nueva para otra clase.</translation>
    </message>
    <message>
        <source>{name} has no session on or after {day}.</source>
        <translation>{name} no tiene sesión el {day} ni después.</translation>
    </message>
    <message>
        <source>Attendance was taken on {day}: apply the changes from a later date, so that no marked session moves.</source>
        <translation>Se tomó asistencia el {day}: aplique los cambios desde una fecha posterior, para que ninguna sesión marcada se mueva.</translation>
    </message>
    <message>
        <source>1 session of the series is before {day}: the series needs more than 1 to go on.</source>
        <translation>1 sesión de la serie es anterior al {day}: la serie necesita más de 1 para continuar.</translation>
    </message>
    <message>
        <source>{held} sessions of the series are before {day}: the series needs more than {held} to go on.</source>
        <translation>{held} sesiones de la serie son anteriores al {day}: la serie necesita más de {held} para continuar.</translation>
    </message>
    <message>
        <source>The first session ({first}) is before the class starts ({start}).</source>
        <translation>La primera sesión ({first}) es anterior al inicio de la clase ({start}).</translation>
    </message>
    <message>
        <source>The first session ({first}) is after the class ends ({end}).</source>
        <translation>La primera sesión ({first}) es posterior al final de la clase ({end}).</translation>
    </message>
    <message>
        <source>The sessions would run past the end of the class ({end}).</source>
        <translation>Las sesiones pasarían del final de la clase ({end}).</translation>
    </message>
    <message>
        <source>The facility is closed on {day} ({reason}): no session can be held then.</source>
        <translation>El centro está cerrado el {day} ({reason}): no puede haber sesiones ese día.</translation>
    </message>
    <message>
        <source>The class is cancelled; it cannot have sessions.</source>
        <translation>La clase está cancelada; no puede tener sesiones.</translation>
    </message>
    <message>
        <source>The facility of the class does not exist.</source>
        <translation>El centro de la clase no existe.</translation>
    </message>
    <message>
        <source>Attendance was already taken for the session of {day}; change sessions one by one up to then, or all future sessions from a later date.</source>
        <translation>Ya se tomó asistencia en la sesión del {day}; cambie las sesiones una a una hasta entonces, o todas las futuras desde una fecha posterior.</translation>
    </message>
    <message>
        <source>Staff accounts are kept on the server. Connect to the server to manage them.</source>
        <translation>Las cuentas del personal se guardan en el servidor. Conéctese al servidor para gestionarlas.</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>No puede desactivar su propia cuenta.</translation>
    </message>
    <message>
        <source>This issue has no values of this workstation to keep.</source>
        <translation>Este problema no tiene valores de este puesto que conservar.</translation>
    </message>
    <message>
        <source>That sync issue is already resolved or does not exist.</source>
        <translation>Ese problema de sincronización ya está resuelto o no existe.</translation>
    </message>
    <message>
        <source>Nothing to write: no field of this record was given.</source>
        <translation>Nada que escribir: no se dio ningún campo de este registro.</translation>
    </message>
    <message>
        <source>The record is no longer on this workstation.</source>
        <translation>El registro ya no está en este puesto.</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Training summary</source>
        <translation>Resumen de formaciones</translation>
    </message>
    <message>
        <source>Participant progress</source>
        <translation>Progreso de los participantes</translation>
    </message>
    <message>
        <source>Hours per student</source>
        <translation>Horas por estudiante</translation>
    </message>
    <message>
        <source>Active enrollments</source>
        <translation>Inscripciones vigentes</translation>
    </message>
    <message>
        <source>Missing attendance</source>
        <translation>Asistencia pendiente</translation>
    </message>
</context>
<context>
    <name>risk</name>
    <message>
        <source>Not attended yet: 1 session</source>
        <translation>Sin asistir aún: 1 sesión</translation>
    </message>
    <message>
        <source>Not attended yet: {n} sessions</source>
        <translation>Sin asistir aún: {n} sesiones</translation>
    </message>
    <message>
        <source>Not attended yet: 1 session since {day}</source>
        <translation>Sin asistir aún: 1 sesión desde el {day}</translation>
    </message>
    <message>
        <source>Not attended yet: {n} sessions since {day}</source>
        <translation>Sin asistir aún: {n} sesiones desde el {day}</translation>
    </message>
    <message>
        <source>Absent {n} times in a row</source>
        <translation>Ausente {n} veces seguidas</translation>
    </message>
    <message>
        <source>{n} unexcused absences</source>
        <translation>{n} ausencias injustificadas</translation>
    </message>
</context>
<context>
    <name>server</name>
    <message>
        <source>Off (only on a trusted local network)</source>
        <translation>Desactivado (solo en una red local de confianza)</translation>
    </message>
    <message>
        <source>Use if the server offers it</source>
        <translation>Usar si el servidor lo ofrece</translation>
    </message>
    <message>
        <source>Required, certificate not checked</source>
        <translation>Obligatorio, certificado sin comprobar</translation>
    </message>
    <message>
        <source>Required, certificate checked</source>
        <translation>Obligatorio, certificado comprobado</translation>
    </message>
    <message>
        <source>Required, certificate and host name checked</source>
        <translation>Obligatorio, certificado y nombre de host comprobados</translation>
    </message>
</context>
<context>
    <name>sheet</name>
    <message>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Tarde</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Parcial</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Justificado</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <source>The number on the printed sheet; sorted by it, the printed order</source>
        <translation>El número en la hoja impresa; ordenado por él, el orden impreso</translation>
    </message>
    <message>
        <source>Click a button to mark: P present, L late, T partial, E excused, A absent</source>
        <translation>Pulse un botón para marcar: P presente, L tarde, T parcial, E justificado, A ausente</translation>
    </message>
    <message>
        <source>Minutes attended</source>
        <translation>Minutos asistidos</translation>
    </message>
    <message>
        <source>not marked</source>
        <translation>sin marcar</translation>
    </message>
    <message>
        <source>Mark {name}: {buttons}. Now {now}.</source>
        <translation>Marcar a {name}: {buttons}. Ahora {now}.</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Conflict</source>
        <translation>Conflicto</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Rechazado por el servidor</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>Por revisar</translation>
    </message>
    <message>
        <source>someone on another workstation</source>
        <translation>alguien en otro puesto</translation>
    </message>
    <message>
        <source>{day} {time}</source>
        <translation>{day} {time}</translation>
    </message>
    <message>
        <source>{class_name}, {when}</source>
        <translation>{class_name}, {when}</translation>
    </message>
    <message>
        <source>a student</source>
        <translation>un estudiante</translation>
    </message>
    <message>
        <source>{student}, {session}</source>
        <translation>{student}, {session}</translation>
    </message>
    <message>
        <source>a class</source>
        <translation>una clase</translation>
    </message>
    <message>
        <source>{class_name}, {day}</source>
        <translation>{class_name}, {day}</translation>
    </message>
    <message>
        <source>{record} — {subject}</source>
        <translation>{record} — {subject}</translation>
    </message>
    <message>
        <source>you marked {mine}, {who} marked {theirs}</source>
        <translation>usted marcó {mine}, {who} marcó {theirs}</translation>
    </message>
    <message>
        <source>Keep mine: your mark {mine} replaces {who}&apos;s {theirs} on the server.</source>
        <translation>Conservar el mío: su marca {mine} sustituye a {theirs} de {who} en el servidor.</translation>
    </message>
    <message>
        <source>Keep theirs: {who}&apos;s {theirs} stays; your mark {mine} is dropped.</source>
        <translation>Conservar el suyo: {theirs} de {who} se queda; su marca {mine} se descarta.</translation>
    </message>
    <message>
        <source>you changed {fields}; so did {who}</source>
        <translation>usted cambió {fields}; {who} también</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>you changed it; so did {who}</source>
        <translation>usted lo cambió; {who} también</translation>
    </message>
    <message>
        <source>Keep mine: your {mine} replaces {who}&apos;s {theirs} on the server.</source>
        <translation>Conservar el mío: su versión ({mine}) sustituye a la de {who} ({theirs}) en el servidor.</translation>
    </message>
    <message>
        <source>Keep theirs: {who}&apos;s {theirs} stays; your {mine} is dropped.</source>
        <translation>Conservar el suyo: la versión de {who} ({theirs}) se queda; la suya ({mine}) se descarta.</translation>
    </message>
    <message>
        <source>Keep mine: your {mine} replaces {who}&apos;s version on the server.</source>
        <translation>Conservar el mío: su versión ({mine}) sustituye a la de {who} en el servidor.</translation>
    </message>
    <message>
        <source>Keep theirs: {who}&apos;s version stays; your {mine} is dropped.</source>
        <translation>Conservar el suyo: la versión de {who} se queda; la suya ({mine}) se descarta.</translation>
    </message>
    <message>
        <source>Keep mine: your change replaces {who}&apos;s {theirs} on the server.</source>
        <translation>Conservar el mío: su cambio sustituye a la versión de {who} ({theirs}) en el servidor.</translation>
    </message>
    <message>
        <source>Keep theirs: {who}&apos;s {theirs} stays; your change is dropped.</source>
        <translation>Conservar el suyo: la versión de {who} ({theirs}) se queda; su cambio se descarta.</translation>
    </message>
    <message>
        <source>Keep mine: your change replaces {who}&apos;s version on the server.</source>
        <translation>Conservar el mío: su cambio sustituye a la versión de {who} en el servidor.</translation>
    </message>
    <message>
        <source>Keep theirs: {who}&apos;s version stays; your change is dropped.</source>
        <translation>Conservar el suyo: la versión de {who} se queda; su cambio se descarta.</translation>
    </message>
    <message>
        <source>Keep mine: your version is written again here and sent at the next sync (correct it first if the server&apos;s reason says so).</source>
        <translation>Conservar el mío: su versión se vuelve a escribir aquí y se envía en la próxima sincronización (corríjala antes si el motivo del servidor lo indica).</translation>
    </message>
    <message>
        <source>Keep theirs: your refused change is set aside; the server&apos;s stands.</source>
        <translation>Conservar el suyo: su cambio rechazado se deja a un lado; el del servidor se mantiene.</translation>
    </message>
    <message>
        <source>Keep mine: this workstation&apos;s version is written again and sent.</source>
        <translation>Conservar el mío: la versión de este puesto se vuelve a escribir y se envía.</translation>
    </message>
    <message>
        <source>Keep theirs: the record stays as it is now; the notice is dismissed.</source>
        <translation>Conservar el suyo: el registro se queda como está; el aviso se descarta.</translation>
    </message>
    <message>
        <source>This cache was restored from a backup or copied from another computer. It now syncs as a new workstation; check the conflicts that follow.</source>
        <translation>Esta caché se restauró de una copia de seguridad o se copió de otro equipo. Ahora se sincroniza como un puesto nuevo; revise los conflictos que sigan.</translation>
    </message>
    <message>
        <source>Edited here after it was deleted elsewhere: kept, please check.</source>
        <translation>Editado aquí después de borrarse en otro lugar: se conserva, revíselo.</translation>
    </message>
    <message>
        <source>Attendance of {day} kept for review: its sessions were removed from the schedule.</source>
        <translation>Asistencia del {day} conservada para revisión: sus sesiones se quitaron del horario.</translation>
    </message>
    <message>
        <source>Attendance of {day} kept for review: the schedule no longer has a session that day.</source>
        <translation>Asistencia del {day} conservada para revisión: el horario ya no tiene una sesión ese día.</translation>
    </message>
    <message>
        <source>Attendance of {day} kept for review: that session was cancelled.</source>
        <translation>Asistencia del {day} conservada para revisión: esa sesión se canceló.</translation>
    </message>
    <message>
        <source>Attendance of {day} kept for review: that session was moved to {to} {time}.</source>
        <translation>Asistencia del {day} conservada para revisión: esa sesión se trasladó al {to} {time}.</translation>
    </message>
    <message>
        <source>The server already has a record with this {field}.</source>
        <translation>El servidor ya tiene un registro con este campo: {field}.</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>The transfer key is too short: at least {most} characters.</source>
        <translation>La clave de transferencia es demasiado corta: al menos {most} caracteres.</translation>
    </message>
    <message>
        <source>The file is cut short (truncated): nothing was used.</source>
        <translation>El archivo está incompleto (truncado): no se usó nada.</translation>
    </message>
    <message>
        <source>This is not a Rollbook transfer file: nothing was used.</source>
        <translation>No es un archivo de transferencia de Rollbook: no se usó nada.</translation>
    </message>
    <message>
        <source>The file was changed (its header is damaged): nothing was used.</source>
        <translation>El archivo se modificó (su cabecera está dañada): no se usó nada.</translation>
    </message>
    <message>
        <source>The file was changed (bytes were added to it): nothing was used.</source>
        <translation>El archivo se modificó (se le añadieron bytes): no se usó nada.</translation>
    </message>
    <message>
        <source>This transfer file has format {found}; this Rollbook reads format {wanted}.</source>
        <translation>Este archivo de transferencia tiene el formato {found}; este Rollbook lee el formato {wanted}.</translation>
    </message>
    <message>
        <source>The transfer key is wrong for this file (or its header was changed): nothing was used.</source>
        <translation>La clave de transferencia no corresponde a este archivo (o se modificó su cabecera): no se usó nada.</translation>
    </message>
    <message>
        <source>The file was changed after it was written (it fails its check): nothing was used.</source>
        <translation>El archivo se modificó después de escribirse (no pasa su comprobación): no se usó nada.</translation>
    </message>
    <message>
        <source>This is a workstation&apos;s export, to import at a connected computer (`rollbook transfer import`), not a reply to apply here.</source>
        <translation>Es la exportación de un puesto, para importar en un equipo conectado (`rollbook transfer import`), no una respuesta para aplicar aquí.</translation>
    </message>
    <message>
        <source>This is a reply, to apply on its workstation (`rollbook transfer apply`), not an export to import.</source>
        <translation>Es una respuesta, para aplicar en su puesto (`rollbook transfer apply`), no una exportación para importar.</translation>
    </message>
    <message>
        <source>This workstation has not pulled its data from a server yet: enrol it once on a network (`rollbook workstation init`) before it syncs by transfer file.</source>
        <translation>Este puesto aún no ha recibido sus datos de un servidor: inscríbalo una vez en una red (`rollbook workstation init`) antes de que se sincronice por archivo de transferencia.</translation>
    </message>
    <message>
        <source>The file cannot be read: {why}</source>
        <translation>No se puede leer el archivo: {why}</translation>
    </message>
    <message>
        <source>The file was changed (its device does not match): nothing used.</source>
        <translation>El archivo se modificó (su puesto no coincide): no se usó nada.</translation>
    </message>
    <message>
        <source>The server&apos;s schema ({server}) is not this Rollbook&apos;s ({mine}): update Rollbook here (or the server) and import again.</source>
        <translation>El esquema del servidor ({server}) no es el de este Rollbook ({mine}): actualice Rollbook aquí (o el servidor) e importe de nuevo.</translation>
    </message>
    <message>
        <source>Transfer file No. {number} of workstation {device} was already imported (or its changes reached the server by a network sync): nothing was sent again and no reply was written.</source>
        <translation>El archivo de transferencia n.º {number} del puesto {device} ya se importó (o sus cambios llegaron al servidor por una sincronización de red): no se volvió a enviar nada y no se escribió ninguna respuesta.</translation>
    </message>
    <message>
        <source>Transfer file No. {number} was already imported: nothing was sent again and no reply was written.</source>
        <translation>El archivo de transferencia n.º {number} ya se importó: no se volvió a enviar nada y no se escribió ninguna respuesta.</translation>
    </message>
    <message>
        <source>This reply is for another workstation ({other}); this one is {mine}. Nothing was applied.</source>
        <translation>Esta respuesta es para otro puesto ({other}); este es {mine}. No se aplicó nada.</translation>
    </message>
    <message>
        <source>Reply No. {number} was already applied here: nothing changed.</source>
        <translation>La respuesta n.º {number} ya se aplicó aquí: no cambió nada.</translation>
    </message>
    <message>
        <source>Reply No. {number} is older than reply No. {applied}, already applied: it would undo newer data, so nothing was applied.</source>
        <translation>La respuesta n.º {number} es anterior a la respuesta n.º {applied}, ya aplicada: desharía datos más recientes, así que no se aplicó nada.</translation>
    </message>
    <message>
        <source>Reply No. {number} answers an export this workstation never wrote: nothing was applied.</source>
        <translation>La respuesta n.º {number} responde a una exportación que este puesto nunca escribió: no se aplicó nada.</translation>
    </message>
    <message>
        <source>This workstation has synced further since reply No. {number} was made (over the network or with a newer reply): it holds newer data, so nothing was applied.</source>
        <translation>Este puesto se ha sincronizado más allá desde que se hizo la respuesta n.º {number} (por la red o con una respuesta más reciente): tiene datos más recientes, así que no se aplicó nada.</translation>
    </message>
</context>
<context>
    <name>trends</name>
    <message>
        <source>{title}: no sessions held in the last {n} weeks.</source>
        <translation>{title}: ninguna sesión celebrada en las últimas {n} semanas.</translation>
    </message>
    <message>
        <source>{title}: {rate}% attended over the last {n} weeks ({attended} of {held}).</source>
        <translation>{title}: {rate} % de asistencia en las últimas {n} semanas ({attended} de {held}).</translation>
    </message>
    <message>
        <source>Week of {day}: {rate}%.</source>
        <translation>Semana del {day}: {rate} %.</translation>
    </message>
    <message>
        <source>Lowest: week of {day}, {rate}%.</source>
        <translation>La más baja: semana del {day}, {rate} %.</translation>
    </message>
    <message>
        <source>{below} of {n} weeks below the {minimum}% minimum.</source>
        <translation>{below} de {n} semanas por debajo del mínimo del {minimum} %.</translation>
    </message>
    <message>
        <source>{klass}: {earned} hours earned; no hours required.</source>
        <translation>{klass}: {earned} horas obtenidas; sin horas exigidas.</translation>
    </message>
    <message>
        <source>{klass}: {earned} of {required} hours (requirement met).</source>
        <translation>{klass}: {earned} de {required} horas (requisito cumplido).</translation>
    </message>
    <message>
        <source>{klass}: {earned} of {required} hours ({left} still needed).</source>
        <translation>{klass}: {earned} de {required} horas (faltan {left}).</translation>
    </message>
    <message>
        <source>Week of {day} at {facility}: 1 session</source>
        <translation>Semana del {day} en {facility}: 1 sesión</translation>
    </message>
    <message>
        <source>Week of {day} at {facility}: {n} sessions</source>
        <translation>Semana del {day} en {facility}: {n} sesiones</translation>
    </message>
    <message>
        <source> ({n} cancelled)</source>
        <translation> ({n} canceladas)</translation>
    </message>
    <message>
        <source>{head}. {days}. Busiest day {day} ({n}); busiest hour {hour} ({sessions}).</source>
        <translation>{head}. {days}. Día con más sesiones: {day} ({n}); hora con más sesiones: {hour} ({sessions}).</translation>
    </message>
</context>
<context>
    <name>values</name>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>graduated</source>
        <translation>graduado</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retirado</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programada</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activa</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completado</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrito</translation>
    </message>
    <message>
        <source>Waitlisted</source>
        <translation>En lista de espera</translation>
    </message>
    <message>
        <source>Incomplete: Withdrawn</source>
        <translation>Incompleto: retirado</translation>
    </message>
    <message>
        <source>Incomplete: Dropped</source>
        <translation>Incompleto: abandono</translation>
    </message>
    <message>
        <source>Incomplete: Failed to Complete</source>
        <translation>Incompleto: no completado</translation>
    </message>
    <message>
        <source>Incomplete: Transfered</source>
        <translation>Incompleto: transferido</translation>
    </message>
    <message>
        <source>Incomplete: Segregated</source>
        <translation>Incompleto: aislado</translation>
    </message>
    <message>
        <source>student</source>
        <translation>estudiante</translation>
    </message>
    <message>
        <source>instructor</source>
        <translation>instructor</translation>
    </message>
    <message>
        <source>facility admin</source>
        <translation>administrador del centro</translation>
    </message>
    <message>
        <source>department admin</source>
        <translation>administrador de departamento</translation>
    </message>
    <message>
        <source>system admin</source>
        <translation>administrador del sistema</translation>
    </message>
    <message>
        <source>classroom</source>
        <translation>aula</translation>
    </message>
    <message>
        <source>lab</source>
        <translation>laboratorio</translation>
    </message>
    <message>
        <source>gym</source>
        <translation>gimnasio</translation>
    </message>
    <message>
        <source>pool</source>
        <translation>piscina</translation>
    </message>
    <message>
        <source>court</source>
        <translation>cancha</translation>
    </message>
    <message>
        <source>field</source>
        <translation>campo</translation>
    </message>
    <message>
        <source>workshop</source>
        <translation>taller</translation>
    </message>
    <message>
        <source>library</source>
        <translation>biblioteca</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>en mantenimiento</translation>
    </message>
    <message>
        <source>Educational</source>
        <translation>Educativo</translation>
    </message>
    <message>
        <source>Vocational</source>
        <translation>Formación profesional</translation>
    </message>
    <message>
        <source>Mental health, behavioral</source>
        <translation>Salud mental, conducta</translation>
    </message>
    <message>
        <source>Religious, faith-based</source>
        <translation>Religioso, confesional</translation>
    </message>
    <message>
        <source>Re-entry</source>
        <translation>Reinserción</translation>
    </message>
    <message>
        <source>Therapeutic</source>
        <translation>Terapéutico</translation>
    </message>
    <message>
        <source>Life skills</source>
        <translation>Habilidades para la vida</translation>
    </message>
    <message>
        <source>Federal grants</source>
        <translation>Subvenciones federales</translation>
    </message>
    <message>
        <source>State grants</source>
        <translation>Subvenciones estatales</translation>
    </message>
    <message>
        <source>Nonprofit organizations</source>
        <translation>Organizaciones sin ánimo de lucro</translation>
    </message>
    <message>
        <source>Educational grants</source>
        <translation>Subvenciones educativas</translation>
    </message>
    <message>
        <source>Inmate welfare funds</source>
        <translation>Fondos de bienestar de los internos</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>mother</source>
        <translation>madre</translation>
    </message>
    <message>
        <source>father</source>
        <translation>padre</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>progenitor</translation>
    </message>
    <message>
        <source>guardian</source>
        <translation>tutor</translation>
    </message>
    <message>
        <source>grandparent</source>
        <translation>abuelo/a</translation>
    </message>
    <message>
        <source>sibling</source>
        <translation>hermano/a</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>presencial</translation>
    </message>
    <message>
        <source>video</source>
        <translation>vídeo</translation>
    </message>
    <message>
        <source>document</source>
        <translation>documento</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>sin empezar</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>terminado</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>certificado</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>calificación</translation>
    </message>
    <message>
        <source>progress completion</source>
        <translation>progreso completado</translation>
    </message>
    <message>
        <source>pathway completion</source>
        <translation>itinerario completado</translation>
    </message>
    <message>
        <source>college credit</source>
        <translation>créditos universitarios</translation>
    </message>
    <message>
        <source>transcript</source>
        <translation>expediente académico</translation>
    </message>
    <message>
        <source>externship</source>
        <translation>prácticas externas</translation>
    </message>
    <message>
        <source>study</source>
        <translation>estudio</translation>
    </message>
    <message>
        <source>work assignment</source>
        <translation>asignación de trabajo</translation>
    </message>
</context>
</TS>
