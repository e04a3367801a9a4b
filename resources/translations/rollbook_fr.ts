<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_CM" sourcelanguage="en_US">
<context>
    <name>AttendanceView</name>
    <message>
        <source>Scan a card or type a student number, Enter</source>
        <translation>Scannez une carte ou tapez un matricule, Entrée</translation>
    </message>
    <message>
        <source>Card scan or student number</source>
        <translation>Carte scannée ou matricule</translation>
    </message>
    <message>
        <source>Sheet message</source>
        <translation>Message de la feuille</translation>
    </message>
    <message>
        <source>Make-up session</source>
        <translation>Séance de rattrapage</translation>
    </message>
    <message>
        <source>All present…</source>
        <translation>Tous présents…</translation>
    </message>
    <message>
        <source>Mark every unmarked student present</source>
        <translation>Marquer présents tous les apprenants non marqués</translation>
    </message>
    <message>
        <source>Asks first; Ctrl+Z undoes it. Keys: Ctrl+Shift+P twice</source>
        <translation>Demande d’abord ; Ctrl+Z annule. Touches : Ctrl+Maj+P deux fois</translation>
    </message>
    <message>
        <source>From paper (Alt+O)</source>
        <translation>Depuis le papier (Alt+O)</translation>
    </message>
    <message>
        <source>From paper: the printed order</source>
        <translation>Depuis le papier : l’ordre imprimé</translation>
    </message>
    <message>
        <source>The students in the order of the printed sheet, to type its marks (Alt+O)</source>
        <translation>Les apprenants dans l’ordre de la feuille imprimée, pour en saisir les marques (Alt+O)</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Présences</translation>
    </message>
    <message>
        <source>S&amp;tudents (Alt+T)</source>
        <translation>Apprenan&amp;ts (Alt+T)</translation>
    </message>
    <message>
        <source>P present · L late · T partial · E excused · A absent · Del clear · F2 edit a cell · Ctrl+Z undo · Ctrl+Shift+P twice all present · or click a row&apos;s buttons</source>
        <translation>P présent · L en retard · T partiel · E excusé · A absent · Suppr effacer · F2 modifier une cellule · Ctrl+Z annuler · Ctrl+Maj+P deux fois tous présents · ou cliquez les boutons d’une ligne</translation>
    </message>
    <message>
        <source>Blank sign-in sheet (PDF)</source>
        <translation>Feuille d’émargement vierge (PDF)</translation>
    </message>
    <message>
        <source>Sheet as PDF</source>
        <translation>Feuille en PDF</translation>
    </message>
    <message>
        <source>Sheet as CSV</source>
        <translation>Feuille en CSV</translation>
    </message>
    <message>
        <source>Sheet as XLSX</source>
        <translation>Feuille en XLSX</translation>
    </message>
    <message>
        <source>Loading the sheet…</source>
        <translation>Chargement de la feuille…</translation>
    </message>
    <message>
        <source>{marked} of {total} marked</source>
        <translation>{marked} sur {total} marqués</translation>
    </message>
    <message>
        <source>From paper: the students in the printed order (# is the number on the paper). Type each one&apos;s mark, P L T E or A; the cursor goes down the column.</source>
        <translation>Depuis le papier : les apprenants dans l’ordre imprimé (# est le numéro sur le papier). Tapez la marque de chacun, P L T E ou A ; le curseur descend la colonne.</translation>
    </message>
    <message>
        <source>“All present” was not confirmed in time; nothing was marked.</source>
        <translation>« Tous présents » n’a pas été confirmé à temps ; rien n’a été marqué.</translation>
    </message>
    <message>
        <source>Save the sheet</source>
        <translation>Enregistrer la feuille</translation>
    </message>
</context>
<context>
    <name>AvailabilityDialog</name>
    <message>
        <source>not working</source>
        <translation>ne travaille pas</translation>
    </message>
    <message>
        <source>&amp;Mon</source>
        <translation>&amp;Lun</translation>
    </message>
    <message>
        <source>&amp;Tue</source>
        <translation>Ma&amp;r</translation>
    </message>
    <message>
        <source>&amp;Wed</source>
        <translation>M&amp;er</translation>
    </message>
    <message>
        <source>T&amp;hu</source>
        <translation>&amp;Jeu</translation>
    </message>
    <message>
        <source>&amp;Fri</source>
        <translation>Ve&amp;n</translation>
    </message>
    <message>
        <source>S&amp;at</source>
        <translation>&amp;Sam</translation>
    </message>
    <message>
        <source>S&amp;un</source>
        <translation>D&amp;im</translation>
    </message>
    <message>
        <source>Availability of {name}</source>
        <translation>Disponibilités de {name}</translation>
    </message>
    <message>
        <source>Hours on {day}</source>
        <translation>Heures le {day}</translation>
    </message>
    <message>
        <source>Weekly hours in {zone}, the facility&apos;s time, e.g. 09:00-17:00 or 09:00-12:00, 13:00-17:00. Leave every day empty when the hours are not known: then any time counts as available.</source>
        <translation>Heures de la semaine en {zone}, l’heure de l’établissement, p. ex. 09:00-17:00 ou 09:00-12:00, 13:00-17:00. Laissez chaque jour vide quand les heures ne sont pas connues : toute heure compte alors comme disponible.</translation>
    </message>
    <message>
        <source>Time off from</source>
        <translation>Absence du</translation>
    </message>
    <message>
        <source>Time off until</source>
        <translation>Absence jusqu’au</translation>
    </message>
    <message>
        <source>e.g. leave, training</source>
        <translation>p. ex. congé, formation</translation>
    </message>
    <message>
        <source>Reason for the time off</source>
        <translation>Motif de l’absence</translation>
    </message>
    <message>
        <source>A&amp;dd time off</source>
        <translation>Ajouter une absence (&amp;D)</translation>
    </message>
    <message>
        <source>Add the time off</source>
        <translation>Ajouter l’absence</translation>
    </message>
    <message>
        <source>Time off</source>
        <translation>Absences</translation>
    </message>
    <message>
        <source>Remo&amp;ve time off</source>
        <translation>Supprimer l’absence (&amp;V)</translation>
    </message>
    <message>
        <source>Remove the selected time off</source>
        <translation>Supprimer l’absence choisie</translation>
    </message>
    <message>
        <source>Save the availability</source>
        <translation>Enregistrer les disponibilités</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Fermer sans enregistrer</translation>
    </message>
    <message>
        <source>Time off &amp;list</source>
        <translation>Liste des a&amp;bsences</translation>
    </message>
    <message>
        <source>Weekly hours</source>
        <translation>Heures de la semaine</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Kept as they are: {hours}</source>
        <translation>Conservées telles quelles : {hours}</translation>
    </message>
    <message>
        <source>Removed the time off from {day}; Save keeps the change.</source>
        <translation>Absence du {day} supprimée ; Enregistrer conserve la modification.</translation>
    </message>
    <message>
        <source>hours on {days}</source>
        <translation>heures le {days}</translation>
    </message>
    <message>
        <source>Saved the availability of {name}: {hours}; {off}.</source>
        <translation>Disponibilités de {name} enregistrées : {hours} ; {off}.</translation>
    </message>
    <message>
        <source>Time off added; Save keeps it.</source>
        <translation>Absence ajoutée ; Enregistrer la conserve.</translation>
    </message>
    <message>
        <source>Select the time off to remove in the list.</source>
        <translation>Choisissez dans la liste l’absence à supprimer.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>no weekly hours (available at any time)</source>
        <translation>pas d’heures dans la semaine (disponible à toute heure)</translation>
    </message>
    <message>
        <source>no time off</source>
        <translation>aucune absence</translation>
    </message>
    <message>
        <source>1 period of time off</source>
        <translation>1 période d’absence</translation>
    </message>
    <message>
        <source>{offs} periods of time off</source>
        <translation>{offs} périodes d’absence</translation>
    </message>
</context>
<context>
    <name>CalendarActions</name>
    <message>
        <source>Reason (needed to cancel)</source>
        <translation>Motif (nécessaire pour annuler)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>All &amp;future sessions</source>
        <translation>Toutes les séances à &amp;venir</translation>
    </message>
    <message>
        <source>All future sessions</source>
        <translation>Toutes les séances à venir</translation>
    </message>
    <message>
        <source>Allow a clash</source>
        <translation>Permettre un conflit</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Déplacer au</translation>
    </message>
    <message>
        <source>New room</source>
        <translation>Nouvelle salle</translation>
    </message>
    <message>
        <source>Cancel session (Alt+X)</source>
        <translation>Annuler la séance (Alt+X)</translation>
    </message>
    <message>
        <source>Cancel the selected session</source>
        <translation>Annuler la séance choisie</translation>
    </message>
    <message>
        <source>Restore (Alt+E)</source>
        <translation>Rétablir (Alt+E)</translation>
    </message>
    <message>
        <source>Restore the selected cancelled session</source>
        <translation>Rétablir la séance annulée choisie</translation>
    </message>
    <message>
        <source>Move the selected session</source>
        <translation>Déplacer la séance choisie</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>Change the room of the selected session</source>
        <translation>Changer la salle de la séance choisie</translation>
    </message>
    <message>
        <source>Substitute… (Alt+I)</source>
        <translation>Remplaçant… (Alt+I)</translation>
    </message>
    <message>
        <source>Choose a substitute instructor</source>
        <translation>Choisir un formateur remplaçant</translation>
    </message>
    <message>
        <source>Open the attendance sheet</source>
        <translation>Ouvrir la feuille de présence</translation>
    </message>
    <message>
        <source>Cancel session… (Alt+X)</source>
        <translation>Annuler la séance… (Alt+X)</translation>
    </message>
    <message>
        <source>Move to {when} (Alt+R)</source>
        <translation>Déplacer au {when} (Alt+R)</translation>
    </message>
    <message>
        <source>Room: {room} (Alt+O)</source>
        <translation>Salle : {room} (Alt+O)</translation>
    </message>
    <message>
        <source>Cancelled {klass} of {day} and the sessions after it.</source>
        <translation>Séance de {klass} du {day} annulée, ainsi que les suivantes.</translation>
    </message>
    <message>
        <source>Cancelled {klass} of {day}.</source>
        <translation>Séance de {klass} du {day} annulée.</translation>
    </message>
    <message>
        <source>This session has 1 mark.</source>
        <translation>Cette séance a 1 marque.</translation>
    </message>
    <message>
        <source>This session has {n} marks.</source>
        <translation>Cette séance a {n} marques.</translation>
    </message>
    <message>
        <source>Restored {klass} of {day}.</source>
        <translation>Séance de {klass} du {day} rétablie.</translation>
    </message>
    <message>
        <source>Moved {klass} of {day} to {when}.</source>
        <translation>Séance de {klass} du {day} déplacée au {when}.</translation>
    </message>
    <message>
        <source>Move it to {new_day} anyway? Its marks were taken for {day}: they are kept and set for review.</source>
        <translation>La déplacer quand même au {new_day} ? Ses marques ont été prises pour le {day} : elles sont conservées et mises en révision.</translation>
    </message>
    <message>
        <source>{0} of {1} moves to {2}.</source>
        <translation>{0} du {1} passe en salle {2}.</translation>
    </message>
    <message>
        <source>Type why the session is cancelled, then press Alt+X.</source>
        <translation>Tapez pourquoi la séance est annulée, puis Alt+X.</translation>
    </message>
    <message>
        <source>Select a session in the list first.</source>
        <translation>Choisissez d’abord une séance dans la liste.</translation>
    </message>
    <message>
        <source>Not held because of a disruption (</source>
        <translation>Non tenue à cause d’une perturbation (</translation>
    </message>
    <message>
        <source>): lift it in Disruption… (Alt+U).</source>
        <translation>) : levez-la dans Perturbation… (Alt+U).</translation>
    </message>
    <message>
        <source>This session is cancelled; Alt+E restores it.</source>
        <translation>Cette séance est annulée ; Alt+E la rétablit.</translation>
    </message>
    <message>
        <source>Only a cancelled session can be restored.</source>
        <translation>Seule une séance annulée peut être rétablie.</translation>
    </message>
    <message>
        <source>Cancel a marked session</source>
        <translation>Annuler une séance déjà marquée</translation>
    </message>
    <message>
        <source>Cancel it anyway? The marks are kept and set for review.</source>
        <translation>L’annuler quand même ? Les marques sont conservées et mises en révision.</translation>
    </message>
    <message>
        <source>Nothing was cancelled.</source>
        <translation>Rien n’a été annulé.</translation>
    </message>
    <message>
        <source>Move a marked session</source>
        <translation>Déplacer une séance déjà marquée</translation>
    </message>
    <message>
        <source>Nothing was moved.</source>
        <translation>Rien n’a été déplacé.</translation>
    </message>
    <message>
        <source>The facility has no room to choose.</source>
        <translation>L’établissement n’a aucune salle à choisir.</translation>
    </message>
</context>
<context>
    <name>CalendarDialogs</name>
    <message>
        <source>Availability… (Alt+Y)</source>
        <translation>Disponibilités… (Alt+Y)</translation>
    </message>
    <message>
        <source>Availability of the instructor</source>
        <translation>Disponibilités du formateur</translation>
    </message>
    <message>
        <source>Export .ics</source>
        <translation>Exporter en .ics</translation>
    </message>
    <message>
        <source>Export the sessions shown as iCalendar</source>
        <translation>Exporter les séances affichées en iCalendar</translation>
    </message>
    <message>
        <source>Print sign-in sheets…</source>
        <translation>Imprimer les feuilles d’émargement…</translation>
    </message>
    <message>
        <source>Print the sign-in sheets of a day or a week</source>
        <translation>Imprimer les feuilles d’émargement d’un jour ou d’une semaine</translation>
    </message>
    <message>
        <source>New series… (Ctrl+N)</source>
        <translation>Nouvelle série… (Ctrl+N)</translation>
    </message>
    <message>
        <source>New series</source>
        <translation>Nouvelle série</translation>
    </message>
    <message>
        <source>Change series… (Ctrl+E)</source>
        <translation>Modifier la série… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Change the series of the selected session</source>
        <translation>Modifier la série de la séance choisie</translation>
    </message>
    <message>
        <source>Closures… (Alt+C)</source>
        <translation>Fermetures… (Alt+C)</translation>
    </message>
    <message>
        <source>Closures: the days the facility is closed</source>
        <translation>Fermetures : les jours où l’établissement est fermé</translation>
    </message>
    <message>
        <source>Disruption… (Alt+U)</source>
        <translation>Perturbation… (Alt+U)</translation>
    </message>
    <message>
        <source>Disruption: cancel the sessions of a lockdown, a count, a storm</source>
        <translation>Perturbation : annuler les séances d’un confinement, d’un comptage, d’une tempête</translation>
    </message>
    <message>
        <source>Choose an instructor in the filter (Alt+N) first.</source>
        <translation>Choisissez d’abord un formateur dans le filtre (Alt+T).</translation>
    </message>
    <message>
        <source>the facility</source>
        <translation>l’établissement</translation>
    </message>
    <message>
        <source>Select a session that is held first.</source>
        <translation>Choisissez d’abord une séance qui a lieu.</translation>
    </message>
    <message>
        <source>Select a session of the series to change.</source>
        <translation>Choisissez une séance de la série à modifier.</translation>
    </message>
    <message>
        <source>Export the calendar</source>
        <translation>Exporter le calendrier</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Enregistré : {path}</translation>
    </message>
</context>
<context>
    <name>CalendarPages</name>
    <message>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <source>Sessions by day and hour</source>
        <translation>Séances par jour et par heure</translation>
    </message>
    <message>
        <source>Sessions of the month</source>
        <translation>Séances du mois</translation>
    </message>
</context>
<context>
    <name>CalendarView</name>
    <message>
        <source>What the selected session makes up</source>
        <translation>Ce que la séance choisie rattrape</translation>
    </message>
    <message>
        <source>Day shown</source>
        <translation>Jour affiché</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Jour</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Semaine</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>&amp;Mois</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>Show the sessions as a list</source>
        <translation>Afficher les séances en liste</translation>
    </message>
    <message>
        <source>Room filter</source>
        <translation>Filtre des salles</translation>
    </message>
    <message>
        <source>Instructor filter</source>
        <translation>Filtre des formateurs</translation>
    </message>
    <message>
        <source>Program filter</source>
        <translation>Filtre des programmes</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>I&amp;nstructor</source>
        <translation>Forma&amp;teur</translation>
    </message>
    <message>
        <source>Pro&amp;gram</source>
        <translation>Pro&amp;gramme</translation>
    </message>
    <message>
        <source>Show a day</source>
        <translation>Afficher un jour</translation>
    </message>
    <message>
        <source>Show a week</source>
        <translation>Afficher une semaine</translation>
    </message>
    <message>
        <source>Show a month</source>
        <translation>Afficher un mois</translation>
    </message>
    <message>
        <source>Session actions</source>
        <translation>Actions sur la séance</translation>
    </message>
    <message>
        <source>Times in {zone}</source>
        <translation>Heures en {zone}</translation>
    </message>
    <message>
        <source>Closed: {days}</source>
        <translation>Fermé : {days}</translation>
    </message>
    <message>
        <source>No sessions on this day.</source>
        <translation>Aucune séance ce jour-là.</translation>
    </message>
    <message>
        <source>No sessions in this week.</source>
        <translation>Aucune séance cette semaine.</translation>
    </message>
    <message>
        <source>No sessions in this month.</source>
        <translation>Aucune séance ce mois-ci.</translation>
    </message>
    <message>
        <source>No sessions on this day for {who}.</source>
        <translation>Aucune séance ce jour-là pour {who}.</translation>
    </message>
    <message>
        <source>No sessions in this week for {who}.</source>
        <translation>Aucune séance cette semaine pour {who}.</translation>
    </message>
    <message>
        <source>No sessions in this month for {who}.</source>
        <translation>Aucune séance ce mois-ci pour {who}.</translation>
    </message>
    <message>
        <source>All rooms</source>
        <translation>Toutes les salles</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Tout le monde</translation>
    </message>
    <message>
        <source>All programs</source>
        <translation>Tous les programmes</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>Make-up for… (Alt+K)</source>
        <translation>Rattrapage de… (Alt+K)</translation>
    </message>
</context>
<context>
    <name>CardPrinter</name>
    <message>
        <source>Gathering the students for the ID cards…</source>
        <translation>Préparation des apprenants pour les cartes…</translation>
    </message>
    <message>
        <source>ID cards {what}.pdf</source>
        <translation>Cartes d’identité {what}.pdf</translation>
    </message>
    <message>
        <source>Save the ID cards</source>
        <translation>Enregistrer les cartes d’identité</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>No ID cards printed.</source>
        <translation>Aucune carte imprimée.</translation>
    </message>
    <message>
        <source>Student ID cards: {what}</source>
        <translation>Cartes d’identité des apprenants&#xa0;: {what}</translation>
    </message>
    <message numerus="yes">
        <source>%n ID card(s) saved to {path} (left out, no student number a barcode can hold: {names})</source>
        <translation>
            <numerusform>%n carte enregistrée dans {path} (laissés de côté, sans matricule qu’un code-barres peut porter&#xa0;: {names})</numerusform>
            <numerusform>%n cartes enregistrées dans {path} (laissés de côté, sans matricule qu’un code-barres peut porter&#xa0;: {names})</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n ID card(s) saved to {path}</source>
        <translation>
            <numerusform>%n carte enregistrée dans {path}</numerusform>
            <numerusform>%n cartes enregistrées dans {path}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChoiceDialog</name>
    <message>
        <source>Confirm the choice</source>
        <translation>Confirmer le choix</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>{prompt} None of them can be chosen; each says why.</source>
        <translation>{prompt} Aucun ne peut être choisi ; chacun dit pourquoi.</translation>
    </message>
</context>
<context>
    <name>ClosuresDialog</name>
    <message>
        <source>Closures of {facility}</source>
        <translation>Fermetures de {facility}</translation>
    </message>
    <message>
        <source>First closed day</source>
        <translation>Premier jour fermé</translation>
    </message>
    <message>
        <source>Last closed day</source>
        <translation>Dernier jour fermé</translation>
    </message>
    <message>
        <source>e.g. Public holiday, planned shutdown</source>
        <translation>p. ex. jour férié, fermeture prévue</translation>
    </message>
    <message>
        <source>Reason for the closure</source>
        <translation>Motif de la fermeture</translation>
    </message>
    <message>
        <source>&amp;Add closure</source>
        <translation>&amp;Ajouter la fermeture</translation>
    </message>
    <message>
        <source>Add the closure</source>
        <translation>Ajouter la fermeture</translation>
    </message>
    <message>
        <source>Closures of the facility</source>
        <translation>Fermetures de l’établissement</translation>
    </message>
    <message>
        <source>Remo&amp;ve selected</source>
        <translation>Supprimer la sélection (&amp;V)</translation>
    </message>
    <message>
        <source>Remove the selected closure</source>
        <translation>Supprimer la fermeture choisie</translation>
    </message>
    <message>
        <source>Close the closures dialog</source>
        <translation>Fermer la fenêtre des fermetures</translation>
    </message>
    <message>
        <source>&amp;First day</source>
        <translation>&amp;Premier jour</translation>
    </message>
    <message>
        <source>&amp;Last day</source>
        <translation>&amp;Dernier jour</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <source>No session is held on a closed day: recurring sessions skip it and the attendance rate and hours never count it. Marks already taken on it are kept and set for review.</source>
        <translation>Aucune séance n’a lieu un jour fermé : les séances récurrentes le sautent, et le taux de présence et les heures ne le comptent jamais. Les marques déjà prises ce jour-là sont conservées et mises en révision.</translation>
    </message>
    <message>
        <source>Closed {days}: {reason}.</source>
        <translation>Fermé {days} : {reason}.</translation>
    </message>
    <message>
        <source>Marks set for review: {n}.</source>
        <translation>Marques mises en révision : {n}.</translation>
    </message>
    <message>
        <source>Open again: {days} ({reason}).</source>
        <translation>De nouveau ouvert : {days} ({reason}).</translation>
    </message>
    <message>
        <source>&amp;Closures</source>
        <translation>F&amp;ermetures</translation>
    </message>
    <message>
        <source>No closures: the facility is open.</source>
        <translation>Aucune fermeture : l’établissement est ouvert.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Select the closure to remove in the list.</source>
        <translation>Choisissez dans la liste la fermeture à supprimer.</translation>
    </message>
    <message>
        <source>Removing…</source>
        <translation>Suppression…</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <source>Import from CSV files</source>
        <translation>Importer depuis des fichiers CSV</translation>
    </message>
    <message>
        <source>folder with the CSV files; Enter reads it</source>
        <translation>dossier des fichiers CSV ; Entrée le lit</translation>
    </message>
    <message>
        <source>ISO dates, or e.g. %d/%m/%Y</source>
        <translation>dates ISO, ou p. ex. %d/%m/%Y</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>&amp;Dossier</translation>
    </message>
    <message>
        <source>Facilit&amp;y</source>
        <translation>Éta&amp;blissement</translation>
    </message>
    <message>
        <source>&amp;Timezone</source>
        <translation>&amp;Fuseau horaire</translation>
    </message>
    <message>
        <source>&amp;Date format</source>
        <translation>Format de da&amp;te</translation>
    </message>
    <message>
        <source>&amp;Kind of rows</source>
        <translation>&amp;Genre de lignes</translation>
    </message>
    <message>
        <source>F&amp;ile</source>
        <translation>F&amp;ichier</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Colonnes</translation>
    </message>
    <message>
        <source>Save mapping (Alt+S)</source>
        <translation>Enregistrer la correspondance (Alt+S)</translation>
    </message>
    <message>
        <source>&amp;Mapping file</source>
        <translation>Fichier de &amp;correspondance</translation>
    </message>
    <message>
        <source>The folder cannot be read: %1</source>
        <translation>Le dossier ne peut pas être lu : %1</translation>
    </message>
    <message>
        <source>%1 CSV files read.</source>
        <translation>%1 fichiers CSV lus.</translation>
    </message>
    <message>
        <source>There is no such folder.</source>
        <translation>Ce dossier n’existe pas.</translation>
    </message>
    <message>
        <source>No file is mapped yet.</source>
        <translation>Aucun fichier n’a encore de correspondance.</translation>
    </message>
    <message>
        <source>%1: no column for %2</source>
        <translation>%1 : aucune colonne pour %2</translation>
    </message>
    <message>
        <source>Then, as the server&apos;s owner: %1 (without --dry-run to keep the rows)</source>
        <translation>Ensuite, en tant que propriétaire du serveur : %1 (sans --dry-run pour garder les lignes)</translation>
    </message>
    <message>
        <source>The mapping could not be saved: %1</source>
        <translation>La correspondance n’a pas pu être enregistrée : %1</translation>
    </message>
    <message>
        <source>Mapping saved to %1.</source>
        <translation>Correspondance enregistrée dans %1.</translation>
    </message>
</context>
<context>
    <name>CurriculumTab</name>
    <message>
        <source>Programs</source>
        <translation>Programmes</translation>
    </message>
    <message>
        <source>Lessons of the chosen program</source>
        <translation>Leçons du programme choisi</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Leçons</translation>
    </message>
    <message>
        <source>&amp;Programs</source>
        <translation>&amp;Programmes</translation>
    </message>
    <message>
        <source>Not enrolled in any program.</source>
        <translation>Inscrit à aucun programme.</translation>
    </message>
    <message>
        <source>&amp;Lessons of %1</source>
        <translation>&amp;Leçons de %1</translation>
    </message>
</context>
<context>
    <name>DisruptionDialog</name>
    <message>
        <source>Disruption: sessions not held</source>
        <translation>Perturbation : séances non tenues</translation>
    </message>
    <message>
        <source>Disruption from</source>
        <translation>Perturbation du</translation>
    </message>
    <message>
        <source>Disruption until</source>
        <translation>Perturbation jusqu’au</translation>
    </message>
    <message>
        <source>e.g. Lockdown, count, storm</source>
        <translation>p. ex. confinement, comptage, tempête</translation>
    </message>
    <message>
        <source>Reason for the disruption</source>
        <translation>Motif de la perturbation</translation>
    </message>
    <message>
        <source>Rooms disrupted (none ticked: every room)</source>
        <translation>Salles touchées (aucune cochée : toutes les salles)</translation>
    </message>
    <message>
        <source>Programs disrupted (none ticked: every program)</source>
        <translation>Programmes touchés (aucun coché : tous les programmes)</translation>
    </message>
    <message>
        <source>&amp;Declare disruption</source>
        <translation>&amp;Déclarer la perturbation</translation>
    </message>
    <message>
        <source>Declare the disruption</source>
        <translation>Déclarer la perturbation</translation>
    </message>
    <message>
        <source>Disruptions of the facility</source>
        <translation>Perturbations de l’établissement</translation>
    </message>
    <message>
        <source>L&amp;ift selected</source>
        <translation>Lever la sélect&amp;ion</translation>
    </message>
    <message>
        <source>Lift the selected disruption</source>
        <translation>Lever la perturbation choisie</translation>
    </message>
    <message>
        <source>Close the disruption dialog</source>
        <translation>Fermer la fenêtre des perturbations</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>D&amp;u</translation>
    </message>
    <message>
        <source>Un&amp;til</source>
        <translation>&amp;Jusqu’au</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <source>R&amp;ooms</source>
        <translation>Sa&amp;lles</translation>
    </message>
    <message>
        <source>&amp;Programs</source>
        <translation>&amp;Programmes</translation>
    </message>
    <message>
        <source>Every session meeting the window is cancelled with the reason (only those of the rooms or programs ticked, if any). Reports count them as not held, never as absences. Marks already taken are kept and set for review. Lifting the disruption brings the sessions back.</source>
        <translation>Chaque séance qui tombe dans la période est annulée avec le motif (seulement celles des salles ou programmes cochés, s’il y en a). Les rapports les comptent comme non tenues, jamais comme des absences. Les marques déjà prises sont conservées et mises en révision. Lever la perturbation rétablit les séances.</translation>
    </message>
    <message>
        <source>Disruption declared: {window}, {reason}. Sessions cancelled: {n}.</source>
        <translation>Perturbation déclarée : {window}, {reason}. Séances annulées : {n}.</translation>
    </message>
    <message>
        <source>Marks set for review: {n}.</source>
        <translation>Marques mises en révision : {n}.</translation>
    </message>
    <message>
        <source>Lifted: {window} ({reason}). Its sessions are held again.</source>
        <translation>Levée : {window} ({reason}). Ses séances ont de nouveau lieu.</translation>
    </message>
    <message>
        <source>Di&amp;sruptions</source>
        <translation>Pe&amp;rturbations</translation>
    </message>
    <message>
        <source> (lifted)</source>
        <translation> (levée)</translation>
    </message>
    <message>
        <source>No disruptions: every session is held.</source>
        <translation>Aucune perturbation : toutes les séances ont lieu.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Select a disruption in force to lift in the list.</source>
        <translation>Choisissez dans la liste une perturbation en cours à lever.</translation>
    </message>
    <message>
        <source>Lifting…</source>
        <translation>Levée en cours…</translation>
    </message>
</context>
<context>
    <name>HoursChart</name>
    <message>
        <source>No classes with hours yet.</source>
        <translation>Aucune classe avec des heures pour l’instant.</translation>
    </message>
    <message>
        <source>No hours to show.</source>
        <translation>Aucune heure à afficher.</translation>
    </message>
    <message>
        <source>no hours required</source>
        <translation>aucune heure exigée</translation>
    </message>
    <message>
        <source>{earned} of {required} h</source>
        <translation>{earned} sur {required} h</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Rosters</source>
        <translation>Listes de classe</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Présences</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Apprenants</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>Screens</source>
        <translation>Écrans</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Établissement</translation>
    </message>
    <message>
        <source>Facility: </source>
        <translation>Établissement : </translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>Changer d’utilisateur…</translation>
    </message>
    <message>
        <source>Sign out and forget my password</source>
        <translation>Me déconnecter et oublier mon mot de passe</translation>
    </message>
    <message>
        <source>Staff accounts…</source>
        <translation>Comptes du personnel…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>Import from CSV…</source>
        <translation>Importer depuis CSV…</translation>
    </message>
    <message>
        <source>Find student</source>
        <translation>Chercher un apprenant</translation>
    </message>
    <message>
        <source>Preparing workstation…</source>
        <translation>Préparation du poste…</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Avancement de la synchronisation</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>État de la synchronisation</translation>
    </message>
    <message>
        <source>Next sync attempt</source>
        <translation>Prochaine tentative de synchronisation</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The language of the desk on this computer</source>
        <translation>La langue de Rollbook sur cet ordinateur</translation>
    </message>
    <message>
        <source>Connect to a server…</source>
        <translation>Se connecter à un serveur…</translation>
    </message>
    <message>
        <source>This is a demo workstation: there is no server to sync with. Use Connect to a server… to sign in.</source>
        <translation>Ceci est un poste de démonstration : il n’y a pas de serveur avec lequel se synchroniser. Utilisez Se connecter à un serveur… pour vous identifier.</translation>
    </message>
    <message>
        <source>offline: no server configured</source>
        <translation>hors ligne : aucun serveur configuré</translation>
    </message>
    <message>
        <source>online</source>
        <translation>en ligne</translation>
    </message>
    <message>
        <source>offline: {reason}</source>
        <translation>hors ligne : {reason}</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>hors ligne</translation>
    </message>
    <message>
        <source>changes stay on this computer</source>
        <translation>les modifications restent sur cet ordinateur</translation>
    </message>
    <message>
        <source>1 change kept on this computer only</source>
        <translation>1 modification gardée sur cet ordinateur seulement</translation>
    </message>
    <message>
        <source>{0} changes kept on this computer only</source>
        <translation>{0} modifications gardées sur cet ordinateur seulement</translation>
    </message>
    <message>
        <source>retrying in {0} s</source>
        <translation>nouvel essai dans {0} s</translation>
    </message>
    <message>
        <source>retrying now…</source>
        <translation>nouvel essai en cours…</translation>
    </message>
    <message>
        <source>Rollbook · {facility}</source>
        <translation>Rollbook · {facility}</translation>
    </message>
    <message>
        <source>syncing…</source>
        <translation>synchronisation…</translation>
    </message>
    <message>
        <source>sending changes</source>
        <translation>envoi des modifications</translation>
    </message>
    <message>
        <source>receiving changes</source>
        <translation>réception des modifications</translation>
    </message>
    <message>
        <source>first download</source>
        <translation>premier téléchargement</translation>
    </message>
    <message>
        <source>building indexes</source>
        <translation>construction des index</translation>
    </message>
    <message>
        <source>copying {table}</source>
        <translation>copie de {table}</translation>
    </message>
    <message>
        <source>The workstation could not be opened.</source>
        <translation>Le poste n’a pas pu être ouvert.</translation>
    </message>
    <message>
        <source>Demo workstation</source>
        <translation>Poste de démonstration</translation>
    </message>
</context>
<context>
    <name>MakeupDialog</name>
    <message>
        <source>Make-up for {missed}. For {students}.</source>
        <translation>Rattrapage de {missed}. Pour {students}.</translation>
    </message>
    <message>
        <source>Make-up for {missed}. Nobody was absent there.</source>
        <translation>Rattrapage de {missed}. Personne n’y était absent.</translation>
    </message>
    <message>
        <source>Make-up for…</source>
        <translation>Rattrapage de…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Make-up session:&lt;/b&gt; </source>
        <translation>&lt;b&gt;Séance de rattrapage :&lt;/b&gt; </translation>
    </message>
    <message>
        <source>Tick the missed sessions of this class that this session makes up (Space). A student absent at one of them who attends this session has the absence made up; for everyone else this session is not a scheduled one.</source>
        <translation>Cochez les séances manquées de cette classe que cette séance rattrape (Espace). Un apprenant absent à l’une d’elles qui suit cette séance voit son absence rattrapée ; pour tous les autres, cette séance n’est pas une séance prévue.</translation>
    </message>
    <message>
        <source>Missed sessions to make up</source>
        <translation>Séances manquées à rattraper</translation>
    </message>
    <message>
        <source>&amp;Save make-up</source>
        <translation>&amp;Enregistrer le rattrapage</translation>
    </message>
    <message>
        <source>Save the sessions made up</source>
        <translation>Enregistrer les séances rattrapées</translation>
    </message>
    <message>
        <source>Close the make-up dialog</source>
        <translation>Fermer la fenêtre du rattrapage</translation>
    </message>
    <message>
        <source>&amp;Missed sessions (latest first)</source>
        <translation>Séances &amp;manquées (les plus récentes d’abord)</translation>
    </message>
    <message numerus="yes">
        <source>%n absent</source>
        <translation>
            <numerusform>%n absent</numerusform>
            <numerusform>%n absents</numerusform>
        </translation>
    </message>
    <message>
        <source>{day} {time} — {absent}</source>
        <translation>{day} {time} — {absent}</translation>
    </message>
    <message>
        <source>No earlier session of this class to make up.</source>
        <translation>Aucune séance antérieure de cette classe à rattraper.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>This session is no longer a make-up.</source>
        <translation>Cette séance n’est plus un rattrapage.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>+{n} more</source>
        <translation>+{n} de plus</translation>
    </message>
</context>
<context>
    <name>NewStaffDialog</name>
    <message>
        <source>New staff account</source>
        <translation>Nouveau compte du personnel</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Email (optional)</source>
        <translation>Courriel (facultatif)</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>Mot de passe, à nouveau</translation>
    </message>
</context>
<context>
    <name>PartialMinutesDialog</name>
    <message>
        <source>Partial attendance</source>
        <translation>Présence partielle</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Minutes attended</source>
        <translation>Minutes de présence</translation>
    </message>
    <message>
        <source>Minutes {name} attended (the session lasts {total} min):</source>
        <translation>Minutes de présence de {name} (la séance dure {total} min) :</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>Réinitialiser le mot de passe</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Nouveau mot de passe</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>À nouveau</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Les deux mots de passe diffèrent.</translation>
    </message>
</context>
<context>
    <name>PrintSheetsDialog</name>
    <message>
        <source>Print sign-in sheets</source>
        <translation>Imprimer les feuilles d’émargement</translation>
    </message>
    <message>
        <source>Day, or a day of the week</source>
        <translation>Le jour, ou un jour de la semaine</translation>
    </message>
    <message>
        <source>The &amp;day</source>
        <translation>Le &amp;jour</translation>
    </message>
    <message>
        <source>Print the sessions of the day</source>
        <translation>Imprimer les séances du jour</translation>
    </message>
    <message>
        <source>Its &amp;week (Monday to Sunday)</source>
        <translation>Sa &amp;semaine (du lundi au dimanche)</translation>
    </message>
    <message>
        <source>Print the sessions of the week</source>
        <translation>Imprimer les séances de la semaine</translation>
    </message>
    <message>
        <source>Whose sessions</source>
        <translation>Les séances de qui</translation>
    </message>
    <message>
        <source>Every session of the facility</source>
        <translation>Toutes les séances de l’établissement</translation>
    </message>
    <message>
        <source>Instructor: {name}</source>
        <translation>Formateur : {name}</translation>
    </message>
    <message>
        <source>instructor {name}</source>
        <translation>formateur {name}</translation>
    </message>
    <message>
        <source>Room: {name}</source>
        <translation>Salle : {name}</translation>
    </message>
    <message>
        <source>room {name}</source>
        <translation>salle {name}</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimer…</translation>
    </message>
    <message>
        <source>Choose a file and print the sheets</source>
        <translation>Choisir un fichier et imprimer les feuilles</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Da&amp;te</source>
        <translation>Da&amp;te</translation>
    </message>
    <message>
        <source>&amp;Sessions of</source>
        <translation>Séa&amp;nces de</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>The blank sign-in sheet of every session held, in time order, one PDF; each session starts on a new page.</source>
        <translation>La feuille d’émargement vierge de chaque séance tenue, dans l’ordre horaire, en un PDF ; chaque séance commence sur une nouvelle page.</translation>
    </message>
    <message>
        <source>sign-in sheets {whose} {day}.pdf</source>
        <translation>feuilles d’émargement {whose} {day}.pdf</translation>
    </message>
    <message>
        <source>sign-in sheets facility {day}.pdf</source>
        <translation>feuilles d’émargement établissement {day}.pdf</translation>
    </message>
    <message>
        <source>Save the sign-in sheets</source>
        <translation>Enregistrer les feuilles d’émargement</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Impression…</translation>
    </message>
    <message>
        <source>{sessions}, {pages}, saved to {path}</source>
        <translation>{sessions}, {pages}, enregistré dans {path}</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n séance</numerusform>
            <numerusform>%n séances</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Établissement</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>&amp;Lancer</translation>
    </message>
    <message>
        <source>Run the report</source>
        <translation>Lancer le rapport</translation>
    </message>
    <message>
        <source>Type to keep matching rows</source>
        <translation>Tapez pour garder les lignes correspondantes</translation>
    </message>
    <message>
        <source>Filter the rows</source>
        <translation>Filtrer les lignes</translation>
    </message>
    <message>
        <source>Report rows</source>
        <translation>Lignes du rapport</translation>
    </message>
    <message>
        <source>&amp;Report</source>
        <translation>&amp;Rapport</translation>
    </message>
    <message>
        <source>Faci&amp;lity</source>
        <translation>Éta&amp;blissement</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>D&amp;u</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <source>F&amp;ilter</source>
        <translation>&amp;Filtre</translation>
    </message>
    <message>
        <source>Export &amp;CSV</source>
        <translation>Exporter en &amp;CSV</translation>
    </message>
    <message>
        <source>Export &amp;XLSX</source>
        <translation>Exporter en &amp;XLSX</translation>
    </message>
    <message>
        <source>Export P&amp;DF</source>
        <translation>Exporter en P&amp;DF</translation>
    </message>
    <message>
        <source>Alt+U or Ctrl+Enter runs · Enter in a date runs</source>
        <translation>Alt+L ou Ctrl+Entrée lance · Entrée dans une date lance</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>Export the rows as CSV</source>
        <translation>Exporter les lignes en CSV</translation>
    </message>
    <message>
        <source>Export the rows as XLSX</source>
        <translation>Exporter les lignes en XLSX</translation>
    </message>
    <message>
        <source>Export the rows as PDF</source>
        <translation>Exporter les lignes en PDF</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul…</translation>
    </message>
    <message>
        <source>as of {when}</source>
        <translation>au {when}</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n ligne</numerusform>
            <numerusform>%n lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved </source>
        <translation>Enregistré : </translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>Review</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>Marks set for review</source>
        <translation>Marques mises en révision</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>Conserver (&amp;K)</translation>
    </message>
    <message>
        <source>Chan&amp;ge…</source>
        <translation>Chan&amp;ger…</translation>
    </message>
    <message>
        <source>Mo&amp;ve…</source>
        <translation>Dépla&amp;cer…</translation>
    </message>
    <message>
        <source>Keep the mark</source>
        <translation>Conserver la marque</translation>
    </message>
    <message>
        <source>Change the mark&apos;s status</source>
        <translation>Changer le statut de la marque</translation>
    </message>
    <message>
        <source>Move the mark to another session</source>
        <translation>Déplacer la marque vers une autre séance</translation>
    </message>
    <message>
        <source>Review ({count})</source>
        <translation>Révision ({count})</translation>
    </message>
    <message>
        <source>Marks set for review in this facility: two workstations disagreed on them, or their session was cancelled, moved or dropped from the schedule.</source>
        <translation>Marques mises en révision dans cet établissement : deux postes n’étaient pas d’accord, ou leur séance a été annulée, déplacée ou retirée du planning.</translation>
    </message>
    <message>
        <source>Nothing to review: no mark in this facility is set for review. Marks come here when two workstations disagree on them or their session is cancelled, moved or dropped.</source>
        <translation>Rien à réviser : aucune marque de cet établissement n’est en révision. Les marques arrivent ici quand deux postes ne sont pas d’accord ou que leur séance est annulée, déplacée ou retirée.</translation>
    </message>
    <message>
        <source>Keep: {who}&apos;s mark {status} stands and leaves the queue.</source>
        <translation>Conserver : la marque {status} de {who} est maintenue et quitte la file.</translation>
    </message>
    <message>
        <source>Change: take a new status for {student} on this session.</source>
        <translation>Changer : prendre un nouveau statut pour {student} à cette séance.</translation>
    </message>
    <message>
        <source>A new status cannot be taken for a session no longer held: move the mark or keep it.</source>
        <translation>Un nouveau statut ne peut pas être pris pour une séance qui n’a plus lieu : déplacez la marque ou conservez-la.</translation>
    </message>
    <message>
        <source>Move: the mark goes to another {klass} session you choose; this one is removed.</source>
        <translation>Déplacer : la marque va à une autre séance de {klass} que vous choisissez ; celle-ci est supprimée.</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>Nouveau statut</translation>
    </message>
    <message>
        <source>New status for {student}, {klass}, {when} (now {status}):</source>
        <translation>Nouveau statut pour {student}, {klass}, {when} (actuellement {status}) :</translation>
    </message>
    <message>
        <source>No other {klass} session within six weeks to move the mark to.</source>
        <translation>Aucune autre séance de {klass} dans les six semaines vers laquelle déplacer la marque.</translation>
    </message>
    <message>
        <source>Move the mark</source>
        <translation>Déplacer la marque</translation>
    </message>
    <message>
        <source>Move {student}&apos;s mark {status} of {when} to the {klass} session:</source>
        <translation>Déplacer la marque {status} de {student} du {when} vers la séance de {klass} :</translation>
    </message>
</context>
<context>
    <name>RostersView</name>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Enrol: type a name or student number…</source>
        <translation>Inscrire : tapez un nom ou un matricule…</translation>
    </message>
    <message>
        <source>Enrol a student</source>
        <translation>Inscrire un apprenant</translation>
    </message>
    <message>
        <source>Students matching the name typed</source>
        <translation>Apprenants correspondant au nom tapé</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>Liste de classe</translation>
    </message>
    <message>
        <source>Reason (needed to end or transfer)</source>
        <translation>Motif (nécessaire pour terminer ou transférer)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Class to transfer to</source>
        <translation>Classe de destination</translation>
    </message>
    <message>
        <source>&amp;Withdraw</source>
        <translation>Retirer (&amp;W)</translation>
    </message>
    <message>
        <source>Withdraw the selected students</source>
        <translation>Retirer les apprenants choisis</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>&amp;Clore le parcours</translation>
    </message>
    <message>
        <source>Complete the selected students</source>
        <translation>Marquer terminé le parcours des apprenants choisis</translation>
    </message>
    <message>
        <source>&amp;Transfer to</source>
        <translation>&amp;Transférer vers</translation>
    </message>
    <message>
        <source>Transfer the selected student</source>
        <translation>Transférer l’apprenant choisi</translation>
    </message>
    <message>
        <source>&amp;Promote waitlist</source>
        <translation>&amp;Promouvoir la liste d’attente</translation>
    </message>
    <message>
        <source>Promote the waitlist</source>
        <translation>Promouvoir la liste d’attente</translation>
    </message>
    <message>
        <source>Class attendance by week</source>
        <translation>Présence de la classe par semaine</translation>
    </message>
    <message>
        <source>Attendance by week</source>
        <translation>Présence par semaine</translation>
    </message>
    <message>
        <source>Print ID cards…</source>
        <translation>Imprimer les cartes…</translation>
    </message>
    <message>
        <source>Print the ID cards of the class</source>
        <translation>Imprimer les cartes d’identité de la classe</translation>
    </message>
    <message>
        <source>Rosters</source>
        <translation>Listes de classe</translation>
    </message>
    <message>
        <source>This facility has no classes yet.</source>
        <translation>Cet établissement n’a pas encore de classes.</translation>
    </message>
    <message>
        <source>{n} enrolled, no limit</source>
        <translation>{n} inscrits, sans limite</translation>
    </message>
    <message>
        <source>{n} enrolled of {capacity}</source>
        <translation>{n} inscrits sur {capacity}</translation>
    </message>
    <message>
        <source>{n} places left</source>
        <translation>{n} places restantes</translation>
    </message>
    <message>
        <source>{n} waitlisted</source>
        <translation>{n} en liste d’attente</translation>
    </message>
    <message>
        <source>{name} waitlisted.</source>
        <translation>{name} mis en liste d’attente.</translation>
    </message>
    <message>
        <source>{name} enrolled.</source>
        <translation>{name} inscrit.</translation>
    </message>
    <message>
        <source>{refusal} Press Ctrl+Enter to put {name} on the waitlist.</source>
        <translation>{refusal} Appuyez sur Ctrl+Entrée pour mettre {name} en liste d’attente.</translation>
    </message>
    <message>
        <source>Select the students first.</source>
        <translation>Choisissez d’abord les apprenants.</translation>
    </message>
    <message>
        <source>Select one student and the class to transfer to.</source>
        <translation>Choisissez un apprenant et la classe de destination.</translation>
    </message>
</context>
<context>
    <name>ScopeDialog</name>
    <message>
        <source>Facilities this person works at</source>
        <translation>Établissements où cette personne travaille</translation>
    </message>
    <message>
        <source>Facilities and programs in scope</source>
        <translation>Établissements et programmes concernés</translation>
    </message>
    <message>
        <source>Tick at least one facility.</source>
        <translation>Cochez au moins un établissement.</translation>
    </message>
</context>
<context>
    <name>SeriesDialog</name>
    <message>
        <source>Change the series of {klass}</source>
        <translation>Modifier la série de {klass}</translation>
    </message>
    <message>
        <source>New session series</source>
        <translation>Nouvelle série de séances</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>Does not repeat</source>
        <translation>Ne se répète pas</translation>
    </message>
    <message>
        <source>Weekly</source>
        <translation>Chaque semaine</translation>
    </message>
    <message>
        <source>Every N days</source>
        <translation>Tous les N jours</translation>
    </message>
    <message>
        <source>every </source>
        <translation>chaque </translation>
    </message>
    <message>
        <source>When the class ends</source>
        <translation>À la fin de la classe</translation>
    </message>
    <message>
        <source>On a date</source>
        <translation>À une date</translation>
    </message>
    <message>
        <source>After a number of sessions</source>
        <translation>Après un nombre de séances</translation>
    </message>
    <message>
        <source> sessions in all</source>
        <translation> séances en tout</translation>
    </message>
    <message>
        <source>Allow clas&amp;hes (save although a room or an instructor is booked twice)</source>
        <translation>Permettre les confl&amp;its (enregistrer même si une salle ou un formateur est réservé deux fois)</translation>
    </message>
    <message>
        <source>Allow sessions outside the instructor&apos;s availa&amp;bility</source>
        <translation>Permettre des séances hors des disponi&amp;bilités du formateur</translation>
    </message>
    <message>
        <source>in {zone}, the facility&apos;s time</source>
        <translation>en {zone}, l’heure de l’établissement</translation>
    </message>
    <message>
        <source>&amp;Class</source>
        <translation>&amp;Classe</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>&amp;Salle</translation>
    </message>
    <message>
        <source>&amp;Instructor</source>
        <translation>&amp;Formateur</translation>
    </message>
    <message>
        <source>Apply &amp;from</source>
        <translation>Appli&amp;quer à partir du</translation>
    </message>
    <message>
        <source>First &amp;date</source>
        <translation>Première &amp;date</translation>
    </message>
    <message>
        <source>&amp;Start time</source>
        <translation>&amp;Heure de début</translation>
    </message>
    <message>
        <source>D&amp;uration</source>
        <translation>D&amp;urée</translation>
    </message>
    <message>
        <source>Re&amp;peat</source>
        <translation>Ré&amp;pétition</translation>
    </message>
    <message>
        <source>E&amp;very</source>
        <translation>&amp;Tous les</translation>
    </message>
    <message>
        <source>On &amp;weekdays</source>
        <translation>&amp;Jours de la semaine</translation>
    </message>
    <message>
        <source>E&amp;nds</source>
        <translation>Fi&amp;n</translation>
    </message>
    <message>
        <source>Last day &amp;on</source>
        <translation>Dernier j&amp;our le</translation>
    </message>
    <message>
        <source>&amp;After</source>
        <translation>&amp;Après</translation>
    </message>
    <message>
        <source>Sessions before this date keep their time, room and attendance.</source>
        <translation>Les séances avant cette date gardent leur heure, leur salle et leurs présences.</translation>
    </message>
    <message>
        <source>A series that does not repeat is a single session on its first date.</source>
        <translation>Une série qui ne se répète pas est une seule séance, à sa première date.</translation>
    </message>
    <message>
        <source>Allow clashes</source>
        <translation>Permettre les conflits</translation>
    </message>
    <message>
        <source>Allow outside availability</source>
        <translation>Permettre hors disponibilités</translation>
    </message>
    <message>
        <source>Save the series</source>
        <translation>Enregistrer la série</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Fermer sans enregistrer</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>(no room)</source>
        <translation>(aucune salle)</translation>
    </message>
    <message>
        <source>(the class&apos;s room)</source>
        <translation>(la salle de la classe)</translation>
    </message>
    <message>
        <source>(no one)</source>
        <translation>(personne)</translation>
    </message>
    <message>
        <source>(the class&apos;s)</source>
        <translation>(celui de la classe)</translation>
    </message>
    <message>
        <source>This facility has no class to give sessions to.</source>
        <translation>Cet établissement n’a aucune classe à qui donner des séances.</translation>
    </message>
    <message>
        <source>As now: {rule}</source>
        <translation>Comme maintenant : {rule}</translation>
    </message>
    <message>
        <source>Nothing to change: change a field, or press Esc.</source>
        <translation>Rien à modifier : changez un champ, ou appuyez sur Échap.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Not saved: these sessions would be booked twice.</source>
        <translation>Non enregistré : ces séances seraient réservées deux fois.</translation>
    </message>
    <message>
        <source>Change the time or room, or tick Allow clashes and save again.</source>
        <translation>Changez l’heure ou la salle, ou cochez Permettre les conflits et enregistrez à nouveau.</translation>
    </message>
    <message>
        <source>Not saved: the instructor is not available for these sessions.</source>
        <translation>Non enregistré : le formateur n’est pas disponible pour ces séances.</translation>
    </message>
    <message>
        <source>Change the time or the instructor, or tick Allow sessions outside the instructor&apos;s availability and save again.</source>
        <translation>Changez l’heure ou le formateur, ou cochez Permettre des séances hors des disponibilités du formateur et enregistrez à nouveau.</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>syncing</source>
        <translation>synchronisation</translation>
    </message>
</context>
<context>
    <name>SessionGrid</name>
    <message>
        <source>Closed: </source>
        <translation>Fermé : </translation>
    </message>
    <message>
        <source>Not held: </source>
        <translation>Non tenue : </translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>↔ moved</source>
        <translation>↔ déplacée</translation>
    </message>
    <message>
        <source>sub: </source>
        <translation>rempl. : </translation>
    </message>
    <message>
        <source>⚠ clash: </source>
        <translation>⚠ conflit : </translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>no room</source>
        <translation>sans salle</translation>
    </message>
    <message>
        <source>no instructor</source>
        <translation>sans formateur</translation>
    </message>
</context>
<context>
    <name>SessionPicker</name>
    <message>
        <source>Day of the session</source>
        <translation>Jour de la séance</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Jour</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Séance</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <source>The session asked for is not on this day.</source>
        <translation>La séance demandée n’a pas lieu ce jour-là.</translation>
    </message>
    <message>
        <source>No sessions on this day.</source>
        <translation>Aucune séance ce jour-là.</translation>
    </message>
</context>
<context>
    <name>SheetActions</name>
    <message>
        <source>This session cannot be marked.</source>
        <translation>Cette séance ne peut pas être marquée.</translation>
    </message>
    <message>
        <source>Nothing saved: a partial mark needs the minutes attended.</source>
        <translation>Rien d’enregistré : une marque partielle demande les minutes de présence.</translation>
    </message>
    <message>
        <source>Nothing to undo on this sheet.</source>
        <translation>Rien à annuler sur cette feuille.</translation>
    </message>
    <message>
        <source>Undone: </source>
        <translation>Annulé : </translation>
    </message>
    <message>
        <source>Every student on this sheet is marked already.</source>
        <translation>Tous les apprenants de cette feuille sont déjà marqués.</translation>
    </message>
    <message>
        <source>Mark {count} unmarked students present? Press Ctrl+Shift+P again to confirm, Esc to cancel.</source>
        <translation>Marquer présents {count} apprenants non marqués ? Appuyez de nouveau sur Ctrl+Maj+P pour confirmer, Échap pour annuler.</translation>
    </message>
    <message>
        <source>All present</source>
        <translation>Tous présents</translation>
    </message>
    <message>
        <source>Mark the {count} unmarked students of {klass} present? Ctrl+Z undoes it.</source>
        <translation>Marquer présents les {count} apprenants non marqués de {klass} ? Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>{n} marked present. Ctrl+Z undoes it.</source>
        <translation>{n} marqués présents. Ctrl+Z annule.</translation>
    </message>
    <message>
        <source>No student with number “{number}” on this sheet.</source>
        <translation>Aucun apprenant de matricule « {number} » sur cette feuille.</translation>
    </message>
    <message>
        <source>A scan records the time it is now, and this session was on {day}. Mark the student with P and type the times in the In and Out columns.</source>
        <translation>Un scan enregistre l’heure actuelle, et cette séance avait lieu le {day}. Marquez l’apprenant avec P et tapez les heures dans les colonnes Arrivée et Départ.</translation>
    </message>
    <message>
        <source>{name} already checked out at {time}.</source>
        <translation>{name} est déjà parti à {time}.</translation>
    </message>
    <message>
        <source>Mark {count} present</source>
        <translation>Marquer {count} présents</translation>
    </message>
    <message>
        <source>Confirm all present</source>
        <translation>Confirmer tous présents</translation>
    </message>
    <message>
        <source>Nobody was left to mark: the sheet was marked meanwhile.</source>
        <translation>Plus personne à marquer : la feuille a été marquée entre-temps.</translation>
    </message>
    <message>
        <source>Saved </source>
        <translation>Enregistré : </translation>
    </message>
</context>
<context>
    <name>SheetCellDelegate</name>
    <message>
        <source>Absence reason</source>
        <translation>Motif d’absence</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Check-in time</source>
        <translation>Heure d’arrivée</translation>
    </message>
    <message>
        <source>Check-out time</source>
        <translation>Heure de départ</translation>
    </message>
    <message>
        <source>Minutes attended</source>
        <translation>Minutes de présence</translation>
    </message>
</context>
<context>
    <name>SheetKeys</name>
    <message>
        <source>This session cannot be marked.</source>
        <translation>Cette séance ne peut pas être marquée.</translation>
    </message>
    <message>
        <source>Mark the student first (P, L, T, E or A, or a button in the Mark column).</source>
        <translation>Marquez d’abord l’apprenant (P, L, T, E ou A, ou un bouton de la colonne Marque).</translation>
    </message>
    <message>
        <source>A reason goes only with an absence.</source>
        <translation>Un motif ne va qu’avec une absence.</translation>
    </message>
    <message>
        <source>This goes only with an absence.</source>
        <translation>Ceci ne va qu’avec une absence.</translation>
    </message>
</context>
<context>
    <name>SheetTableView</name>
    <message>
        <source>Attendance sheet</source>
        <translation>Feuille de présence</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to Rollbook</source>
        <translation>Connexion à Rollbook</translation>
    </message>
    <message>
        <source>Remember my password on this computer</source>
        <translation>Retenir mon mot de passe sur cet ordinateur</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>Encryption (TLS)</source>
        <translation>Chiffrement (TLS)</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Open demo workstation</source>
        <translation>Ouvrir le poste de démonstration</translation>
    </message>
    <message>
        <source>Sign-in failed unexpectedly: {error}</source>
        <translation>La connexion a échoué de façon inattendue : {error}</translation>
    </message>
</context>
<context>
    <name>StaffAccountsDialog</name>
    <message>
        <source>Staff accounts</source>
        <translation>Comptes du personnel</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Ajouter…</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Désactiver</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>Activ&amp;er</translation>
    </message>
    <message>
        <source>&amp;Scope…</source>
        <translation>Péri&amp;mètre…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>Réinitialiser le mot de passe (&amp;P)…</translation>
    </message>
    <message>
        <source>Account created: {name}</source>
        <translation>Compte créé : {name}</translation>
    </message>
    <message>
        <source>Disabled: {name}</source>
        <translation>Désactivé : {name}</translation>
    </message>
    <message>
        <source>Enabled: {name}</source>
        <translation>Activé : {name}</translation>
    </message>
    <message>
        <source>Scope changed: {name}</source>
        <translation>Périmètre modifié : {name}</translation>
    </message>
    <message>
        <source>Password reset: {name}</source>
        <translation>Mot de passe réinitialisé : {name}</translation>
    </message>
</context>
<context>
    <name>StudentRecordDialog</name>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Guardians</source>
        <translation>Tuteurs</translation>
    </message>
    <message>
        <source>Enrolments</source>
        <translation>Inscriptions</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Présences</translation>
    </message>
    <message>
        <source>&amp;Marks</source>
        <translation>&amp;Marques</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Attestations</translation>
    </message>
    <message>
        <source>Case notes</source>
        <translation>Notes de suivi</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>Historique des modifications</translation>
    </message>
    <message>
        <source>Medical</source>
        <translation>Médical</translation>
    </message>
    <message>
        <source>Trend and hours</source>
        <translation>Tendance et heures</translation>
    </message>
    <message>
        <source>C&amp;urriculum</source>
        <translation>C&amp;ursus</translation>
    </message>
    <message>
        <source>No guardians recorded.</source>
        <translation>Aucun tuteur enregistré.</translation>
    </message>
    <message>
        <source>Not enrolled in any class yet.</source>
        <translation>Inscrit à aucune classe pour l’instant.</translation>
    </message>
    <message>
        <source>No attendance yet: the student is in no class that has held a session.</source>
        <translation>Aucune présence pour l’instant : l’apprenant n’est dans aucune classe ayant tenu une séance.</translation>
    </message>
    <message>
        <source>No marks yet: no session of this student has been marked.</source>
        <translation>Aucune marque pour l’instant : aucune séance de cet apprenant n’a été marquée.</translation>
    </message>
    <message>
        <source>No credentials yet.</source>
        <translation>Aucune attestation pour l’instant.</translation>
    </message>
    <message>
        <source>No case notes.</source>
        <translation>Aucune note de suivi.</translation>
    </message>
    <message>
        <source>No changes recorded for this student on this workstation.</source>
        <translation>Aucune modification enregistrée pour cet apprenant sur ce poste.</translation>
    </message>
    <message>
        <source>No medical or emergency details recorded.</source>
        <translation>Aucune information médicale ou d’urgence enregistrée.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>Matricule</translation>
    </message>
    <message>
        <source>Resident / DOC id</source>
        <translation>N° de résident / d’écrou</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Enrolled since</source>
        <translation>Inscrit depuis</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Contact d’urgence</translation>
    </message>
    <message>
        <source>Their phone</source>
        <translation>Son téléphone</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Allergies</source>
        <translation>Allergies</translation>
    </message>
    <message>
        <source>Medical notes</source>
        <translation>Notes médicales</translation>
    </message>
    <message>
        <source>Medical and emergency details are shown to administrators only.</source>
        <translation>Les informations médicales et d’urgence ne sont montrées qu’aux administrateurs.</translation>
    </message>
    <message>
        <source>Student record</source>
        <translation>Dossier de l’apprenant</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>Parts of the record</source>
        <translation>Parties du dossier</translation>
    </message>
    <message>
        <source>Enter or double-click opens that session&apos;s attendance sheet.</source>
        <translation>Entrée ou un double-clic ouvre la feuille de présence de cette séance.</translation>
    </message>
    <message>
        <source>Close the record</source>
        <translation>Fermer le dossier</translation>
    </message>
    <message>
        <source>&amp;Print ID card…</source>
        <translation>&amp;Imprimer la carte…</translation>
    </message>
    <message>
        <source>Print the student&apos;s ID card</source>
        <translation>Imprimer la carte d’identité de l’apprenant</translation>
    </message>
    <message>
        <source>Attendance by week</source>
        <translation>Présence par semaine</translation>
    </message>
    <message>
        <source>Hours earned against hours required</source>
        <translation>Heures acquises par rapport aux heures exigées</translation>
    </message>
</context>
<context>
    <name>StudentsView</name>
    <message>
        <source>Search by name, student number or id…</source>
        <translation>Chercher par nom, matricule ou identifiant…</translation>
    </message>
    <message>
        <source>Search students</source>
        <translation>Chercher des apprenants</translation>
    </message>
    <message>
        <source>Students</source>
        <translation>Apprenants</translation>
    </message>
    <message>
        <source>Print ID cards…</source>
        <translation>Imprimer les cartes…</translation>
    </message>
    <message>
        <source>Print the ID cards of the facility</source>
        <translation>Imprimer les cartes d’identité de l’établissement</translation>
    </message>
    <message numerus="yes">
        <source>%n student(s) shown</source>
        <translation>
            <numerusform>%n apprenant affiché</numerusform>
            <numerusform>%n apprenants affichés</numerusform>
        </translation>
    </message>
    <message>
        <source>No student matches “{text}”.</source>
        <translation>Aucun apprenant ne correspond à « {text} ».</translation>
    </message>
    <message>
        <source>No students in this facility yet.</source>
        <translation>Pas encore d’apprenants dans cet établissement.</translation>
    </message>
</context>
<context>
    <name>SubstituteDialog</name>
    <message>
        <source>Substitute for {klass}</source>
        <translation>Remplaçant pour {klass}</translation>
    </message>
    <message>
        <source>no one</source>
        <translation>personne</translation>
    </message>
    <message>
        <source>Substitute instructor</source>
        <translation>Formateur remplaçant</translation>
    </message>
    <message>
        <source>e.g. sick leave</source>
        <translation>p. ex. congé maladie</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>&amp;This session</source>
        <translation>Cette &amp;séance</translation>
    </message>
    <message>
        <source>This session only</source>
        <translation>Cette séance seulement</translation>
    </message>
    <message>
        <source>All &amp;future sessions</source>
        <translation>Toutes les séances à &amp;venir</translation>
    </message>
    <message>
        <source>All future sessions</source>
        <translation>Toutes les séances à venir</translation>
    </message>
    <message>
        <source>Allow a &amp;clash (the substitute teaches then)</source>
        <translation>Permettre un &amp;conflit (le remplaçant enseigne déjà à ce moment)</translation>
    </message>
    <message>
        <source>Allow a clash</source>
        <translation>Permettre un conflit</translation>
    </message>
    <message>
        <source>Allow &amp;outside their availability (weekly hours, time off)</source>
        <translation>Permettre hors de ses disp&amp;onibilités (heures de la semaine, absences)</translation>
    </message>
    <message>
        <source>Save the substitute</source>
        <translation>Enregistrer le remplaçant</translation>
    </message>
    <message>
        <source>Allow outside availability</source>
        <translation>Permettre hors disponibilités</translation>
    </message>
    <message>
        <source>Close without saving</source>
        <translation>Fermer sans enregistrer</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>&amp;Substitute</source>
        <translation>&amp;Remplaçant</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Motif</translation>
    </message>
    <message>
        <source>Apply to</source>
        <translation>Appliquer à</translation>
    </message>
    <message>
        <source>No other instructor works at this facility.</source>
        <translation>Aucun autre formateur ne travaille dans cet établissement.</translation>
    </message>
    <message>
        <source>This session would clash:</source>
        <translation>Cette séance serait en conflit :</translation>
    </message>
    <message>
        <source>Not available then:</source>
        <translation>Non disponible à ce moment :</translation>
    </message>
    <message>
        <source>Allow outside their availability</source>
        <translation>Permettre hors de ses disponibilités</translation>
    </message>
    <message>
        <source>Choose someone else, or tick {boxes}.</source>
        <translation>Choisissez quelqu’un d’autre, ou cochez {boxes}.</translation>
    </message>
    <message>
        <source>{name} is free and available at this session&apos;s time.</source>
        <translation>{name} est libre et disponible à l’heure de cette séance.</translation>
    </message>
    <message>
        <source>{name} — not available then</source>
        <translation>{name} — non disponible à ce moment</translation>
    </message>
    <message>
        <source> and </source>
        <translation> et </translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Not saved: the substitute already teaches then.</source>
        <translation>Non enregistré : le remplaçant enseigne déjà à ce moment.</translation>
    </message>
    <message>
        <source>Choose someone else, or tick Allow a clash and save again.</source>
        <translation>Choisissez quelqu’un d’autre, ou cochez Permettre un conflit et enregistrez à nouveau.</translation>
    </message>
    <message>
        <source>Not saved: the substitute is not available then.</source>
        <translation>Non enregistré : le remplaçant n’est pas disponible à ce moment.</translation>
    </message>
    <message>
        <source>Choose someone else, or tick Allow outside their availability.</source>
        <translation>Choisissez quelqu’un d’autre, ou cochez Permettre hors de ses disponibilités.</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>never synced</source>
        <translation>jamais synchronisé</translation>
    </message>
    <message>
        <source>synced</source>
        <translation>synchronisé</translation>
    </message>
    <message>
        <source>pending {n} since {since} UTC</source>
        <translation>{n} en attente depuis {since} UTC</translation>
    </message>
    <message>
        <source>needs attention: {n} to review</source>
        <translation>à voir : {n} à réviser</translation>
    </message>
    <message>
        <source>, {n} pending</source>
        <translation>, {n} en attente</translation>
    </message>
    <message>
        <source> · last sync {age}</source>
        <translation> · dernière synchronisation {age}</translation>
    </message>
    <message>
        <source> · this computer&apos;s clock is {minutes} min off</source>
        <translation> · l’horloge de cet ordinateur est décalée de {minutes} min</translation>
    </message>
    <message>
        <source>not synced yet</source>
        <translation>pas encore synchronisé</translation>
    </message>
    <message>
        <source>all changes sent</source>
        <translation>toutes les modifications envoyées</translation>
    </message>
    <message>
        <source>{n} to review on the Sync screen</source>
        <translation>{n} à réviser sur l’écran Synchronisation</translation>
    </message>
    <message>
        <source>1 change not sent yet</source>
        <translation>1 modification pas encore envoyée</translation>
    </message>
    <message>
        <source>{n} changes not sent yet</source>
        <translation>{n} modifications pas encore envoyées</translation>
    </message>
    <message>
        <source>last synced {when}</source>
        <translation>dernière synchronisation {when}</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l’instant</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>il y a {n} min</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>il y a {n} h</translation>
    </message>
    <message>
        <source>{n} days ago</source>
        <translation>il y a {n} jours</translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <source>Nothing waits for you. This workstation has not synced with a server yet.</source>
        <translation>Rien ne vous attend. Ce poste ne s’est pas encore synchronisé avec un serveur.</translation>
    </message>
    <message>
        <source>Nothing waits for you: no conflicts or refusals. 1 change will be sent at the next sync.</source>
        <translation>Rien ne vous attend : ni conflits ni refus. 1 modification sera envoyée à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>Nothing waits for you: no conflicts or refusals. {n} changes will be sent at the next sync.</source>
        <translation>Rien ne vous attend : ni conflits ni refus. {n} modifications seront envoyées à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>Nothing waits for you: every change was sent and accepted.</source>
        <translation>Rien ne vous attend : chaque modification a été envoyée et acceptée.</translation>
    </message>
    <message>
        <source>Conflicts and refusals</source>
        <translation>Conflits et refus</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synchro&amp;niser</translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation>Garder le &amp;mien</translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation>Garder le &amp;leur</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Garder le mien</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Garder le leur</translation>
    </message>
    <message>
        <source>the facility&apos;s transfer key</source>
        <translation>la clé de transfert de l’établissement</translation>
    </message>
    <message>
        <source>Transfer key</source>
        <translation>Clé de transfert</translation>
    </message>
    <message>
        <source>&amp;Export transfer file…</source>
        <translation>&amp;Exporter un fichier de transfert…</translation>
    </message>
    <message>
        <source>&amp;Apply transfer file…</source>
        <translation>&amp;Appliquer un fichier de transfert…</translation>
    </message>
    <message>
        <source>Export transfer file</source>
        <translation>Exporter un fichier de transfert</translation>
    </message>
    <message>
        <source>Apply transfer file</source>
        <translation>Appliquer un fichier de transfert</translation>
    </message>
    <message>
        <source>Transfer &amp;key:</source>
        <translation>Clé de transfert (&amp;K) :</translation>
    </message>
    <message>
        <source>Sync &amp; conflicts</source>
        <translation>Synchronisation et conflits</translation>
    </message>
    <message>
        <source>Type the facility&apos;s transfer key first: it locks and opens the files.</source>
        <translation>Tapez d’abord la clé de transfert de l’établissement : elle verrouille et ouvre les fichiers.</translation>
    </message>
    <message>
        <source>Rollbook transfer files (*.rbx);;All files (*)</source>
        <translation>Fichiers de transfert Rollbook (*.rbx);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Writing the transfer file…</source>
        <translation>Écriture du fichier de transfert…</translation>
    </message>
    <message>
        <source>Transfer file No. {0} written to {1}. Import it at a connected computer (rollbook transfer import), then apply its reply here.</source>
        <translation>Fichier de transfert n° {0} écrit dans {1}. Importez-le sur un ordinateur connecté (rollbook transfer import), puis appliquez sa réponse ici.</translation>
    </message>
    <message>
        <source>Rollbook transfer replies (*.reply);;All files (*)</source>
        <translation>Réponses de transfert Rollbook (*.reply);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Applying the reply…</source>
        <translation>Application de la réponse…</translation>
    </message>
    <message>
        <source>Reply No. {0} applied: this workstation is up to date with it.</source>
        <translation>Réponse n° {0} appliquée : ce poste est à jour avec elle.</translation>
    </message>
</context>
<context>
    <name>TimeGrid</name>
    <message>
        <source>no room</source>
        <translation>sans salle</translation>
    </message>
    <message>
        <source>no instructor</source>
        <translation>sans formateur</translation>
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
        <translation> · aujourd’hui</translation>
    </message>
    <message>
        <source> · closed</source>
        <translation> · fermé</translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>This week</source>
        <translation>Cette semaine</translation>
    </message>
    <message>
        <source>Students at &amp;risk</source>
        <translation>Apprenants à &amp;risque</translation>
    </message>
    <message>
        <source>Sessions today and in the next 6 days</source>
        <translation>Séances d’aujourd’hui et des 6 prochains jours</translation>
    </message>
    <message>
        <source>Attendance still missing</source>
        <translation>Présences encore manquantes</translation>
    </message>
    <message>
        <source>Students at risk</source>
        <translation>Apprenants à risque</translation>
    </message>
    <message>
        <source>Today and the next 7 days — {facility}</source>
        <translation>Aujourd’hui et les 7 prochains jours — {facility}</translation>
    </message>
    <message>
        <source>{day} · times in {timezone}</source>
        <translation>{day} · heures en {timezone}</translation>
    </message>
    <message>
        <source>Looking for students at risk…</source>
        <translation>Recherche des apprenants à risque…</translation>
    </message>
    <message>
        <source>1 past session of the last {days} days — Enter opens</source>
        <translation>1 séance passée des {days} derniers jours — Entrée l’ouvre</translation>
    </message>
    <message>
        <source>{n} past sessions of the last {days} days — Enter opens</source>
        <translation>{n} séances passées des {days} derniers jours — Entrée ouvre</translation>
    </message>
    <message>
        <source>Nothing is missing: every session that ended in the last {days} days is fully marked.</source>
        <translation>Rien ne manque : chaque séance terminée dans les {days} derniers jours est entièrement marquée.</translation>
    </message>
    <message>
        <source>No sessions from today to {day}: no class of {facility} meets then.</source>
        <translation>Aucune séance d’aujourd’hui au {day} : aucune classe de {facility} ne se réunit.</translation>
    </message>
    <message>
        <source>{total} sessions from {day} — hover for classes</source>
        <translation>{total} séances à partir du {day} — survolez pour les classes</translation>
    </message>
    <message>
        <source>{n} in {where}: not attended yet, 3 unexcused absences or 3 in a row — Enter opens the record</source>
        <translation>{n} dans {where} : jamais venus, 3 absences non excusées ou 3 d’affilée — Entrée ouvre le dossier</translation>
    </message>
    <message>
        <source>No students at risk in {where}: nobody has 3 unexcused absences or 3 in a row, and everyone enrolled has attended.</source>
        <translation>Aucun apprenant à risque dans {where} : personne n’a 3 absences non excusées ni 3 d’affilée, et chaque inscrit est venu.</translation>
    </message>
    <message>
        <source>your classes</source>
        <translation>vos classes</translation>
    </message>
    <message>
        <source>the facility</source>
        <translation>l’établissement</translation>
    </message>
</context>
<context>
    <name>WeekGlanceChart</name>
    <message>
        <source>No sessions this week.</source>
        <translation>Aucune séance cette semaine.</translation>
    </message>
    <message>
        <source>No week to show.</source>
        <translation>Aucune semaine à afficher.</translation>
    </message>
    <message>
        <source>{when}: no sessions.</source>
        <translation>{when} : aucune séance.</translation>
    </message>
</context>
<context>
    <name>WeeklyRateChart</name>
    <message>
        <source>No sessions held in these weeks.</source>
        <translation>Aucune séance tenue pendant ces semaines.</translation>
    </message>
    <message>
        <source>No attendance to show.</source>
        <translation>Aucune présence à afficher.</translation>
    </message>
    <message>
        <source>Week of {day}: no sessions held.</source>
        <translation>Semaine du {day} : aucune séance tenue.</translation>
    </message>
    <message>
        <source>Week of {day}: {attended} of {held} attended ({rate}%).</source>
        <translation>Semaine du {day} : {attended} présences sur {held} ({rate} %).</translation>
    </message>
</context>
<context>
    <name>_Chart</name>
    <message>
        <source>Nothing to show yet.</source>
        <translation>Rien à afficher pour l’instant.</translation>
    </message>
</context>
<context>
    <name>audit</name>
    <message>
        <source>{table} added</source>
        <translation>{table} : ajout</translation>
    </message>
    <message>
        <source>{table} changed</source>
        <translation>{table} : modification</translation>
    </message>
    <message>
        <source>{table} removed</source>
        <translation>{table} : suppression</translation>
    </message>
    <message>
        <source>{table} added — {klass}, {day}</source>
        <translation>{table} : ajout — {klass}, {day}</translation>
    </message>
    <message>
        <source>{table} changed — {klass}, {day}</source>
        <translation>{table} : modification — {klass}, {day}</translation>
    </message>
    <message>
        <source>{table} removed — {klass}, {day}</source>
        <translation>{table} : suppression — {klass}, {day}</translation>
    </message>
    <message>
        <source>a removed class</source>
        <translation>une classe supprimée</translation>
    </message>
</context>
<context>
    <name>cards</name>
    <message>
        <source>{what} has no students: there are no cards to print.</source>
        <translation>{what} n’a aucun apprenant&#xa0;: il n’y a aucune carte à imprimer.</translation>
    </message>
    <message>
        <source>No student of {what} has a student number a barcode can hold (printable ASCII).</source>
        <translation>Aucun apprenant de {what} n’a de matricule qu’un code-barres peut porter (ASCII imprimable).</translation>
    </message>
    <message>
        <source>The facility</source>
        <translation>L’établissement</translation>
    </message>
    <message>
        <source>There are no cards to print.</source>
        <translation>Il n’y a aucune carte à imprimer.</translation>
    </message>
    <message>
        <source>Student ID cards</source>
        <translation>Cartes d’identité des apprenants</translation>
    </message>
    <message>
        <source>STUDENT ID</source>
        <translation>CARTE D’APPRENANT</translation>
    </message>
    <message>
        <source>Student no. {number}</source>
        <translation>Matricule&#xa0;: {number}</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>Attendance by week</source>
        <translation>Présence par semaine</translation>
    </message>
    <message>
        <source>Hours earned</source>
        <translation>Heures acquises</translation>
    </message>
    <message>
        <source>The week at a glance</source>
        <translation>La semaine d’un coup d’œil</translation>
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>Program</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>Modules completed</source>
        <translation>Modules terminés</translation>
    </message>
    <message>
        <source>Lessons completed</source>
        <translation>Leçons terminées</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Percent</source>
        <translation>Pourcentage</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Dernière activité</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Leçon</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Instructor</source>
        <translation>Formateur</translation>
    </message>
    <message>
        <source>Marked</source>
        <translation>Marqués</translation>
    </message>
    <message>
        <source>{marked} of {expected}</source>
        <translation>{marked} sur {expected}</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrits</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>Tenues</translation>
    </message>
    <message>
        <source>Rate %</source>
        <translation>Taux %</translation>
    </message>
    <message>
        <source>Missing marks</source>
        <translation>Marques manquantes</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Courriel</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>Présents</translation>
    </message>
    <message>
        <source>Absences</source>
        <translation>Absences</translation>
    </message>
    <message>
        <source>Made up</source>
        <translation>Rattrapé</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Taux</translation>
    </message>
    <message>
        <source>Still needed</source>
        <translation>Encore nécessaires</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Révision</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Intitulé</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Délivré le</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>N° de série</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifications</translation>
    </message>
    <message>
        <source>Student-sessions</source>
        <translation>Places-séances</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Séances</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Déplacée</translation>
    </message>
    <message>
        <source>Not held (disruption)</source>
        <translation>Non tenue (perturbation)</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacité</translation>
    </message>
    <message>
        <source>Waitlisted</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminés</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Partis</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Apprenant</translation>
    </message>
    <message>
        <source>Student no.</source>
        <translation>Matricule</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Heures</translation>
    </message>
    <message>
        <source>Progress %</source>
        <translation>Progression %</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Excusé</translation>
    </message>
    <message>
        <source>Unmarked</source>
        <translation>Non marqués</translation>
    </message>
    <message>
        <source>Lessons done</source>
        <translation>Leçons faites</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Leçons</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Sessions attended</source>
        <translation>Séances suivies</translation>
    </message>
    <message>
        <source>Session hours</source>
        <translation>Heures de séance</translation>
    </message>
    <message>
        <source>Ledger hours</source>
        <translation>Heures au registre</translation>
    </message>
    <message>
        <source>Total hours</source>
        <translation>Heures au total</translation>
    </message>
    <message>
        <source>Unverified hours</source>
        <translation>Heures non vérifiées</translation>
    </message>
    <message>
        <source>Class ends</source>
        <translation>Fin de la classe</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>On sheet</source>
        <translation>Sur la feuille</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Manquants</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Séance</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Marque</translation>
    </message>
    <message>
        <source>Marked by</source>
        <translation>Marqué par</translation>
    </message>
    <message>
        <source>Why it is here</source>
        <translation>Pourquoi elle est ici</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Waitlist</source>
        <translation>Liste d’attente</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Départ</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Resident / DOC id</source>
        <translation>N° de résident / d’écrou</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Genre</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ce qui s’est passé</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Le vôtre</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>Sur le serveur</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Jusqu’au</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Present</source>
        <translation>Présent</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Partiel</translation>
    </message>
    <message>
        <source>Absent (excused)</source>
        <translation>Absent (excusé)</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Présences</translation>
    </message>
    <message>
        <source>Hours entry</source>
        <translation>Saisie d’heures</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Établissement</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Salle</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Personne</translation>
    </message>
    <message>
        <source>Student profile</source>
        <translation>Profil de l’apprenant</translation>
    </message>
    <message>
        <source>Medical details</source>
        <translation>Informations médicales</translation>
    </message>
    <message>
        <source>Guardian</source>
        <translation>Tuteur</translation>
    </message>
    <message>
        <source>Guardian link</source>
        <translation>Lien de tutelle</translation>
    </message>
    <message>
        <source>Staff scope</source>
        <translation>Périmètre du personnel</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programme</translation>
    </message>
    <message>
        <source>Program type</source>
        <translation>Type de programme</translation>
    </message>
    <message>
        <source>Program at facility</source>
        <translation>Programme de l’établissement</translation>
    </message>
    <message>
        <source>Attendance policy</source>
        <translation>Règle de présence</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>Module</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Leçon</translation>
    </message>
    <message>
        <source>Lesson progress</source>
        <translation>Progression de la leçon</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Classe</translation>
    </message>
    <message>
        <source>Enrolment</source>
        <translation>Inscription</translation>
    </message>
    <message>
        <source>Enrolment history</source>
        <translation>Historique d’inscription</translation>
    </message>
    <message>
        <source>Credential</source>
        <translation>Attestation</translation>
    </message>
    <message>
        <source>Case note</source>
        <translation>Note de suivi</translation>
    </message>
    <message>
        <source>Account history</source>
        <translation>Historique du compte</translation>
    </message>
    <message>
        <source>Session series</source>
        <translation>Série de séances</translation>
    </message>
    <message>
        <source>Session change</source>
        <translation>Modification de séance</translation>
    </message>
    <message>
        <source>Instructor hours</source>
        <translation>Heures du formateur</translation>
    </message>
    <message>
        <source>Time off</source>
        <translation>Absences</translation>
    </message>
    <message>
        <source>Closure</source>
        <translation>Fermeture</translation>
    </message>
    <message>
        <source>Disruption</source>
        <translation>Perturbation</translation>
    </message>
    <message>
        <source>Make-up link</source>
        <translation>Lien de rattrapage</translation>
    </message>
    <message>
        <source>This workstation</source>
        <translation>Ce poste</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Absence reason</source>
        <translation>Motif d’absence</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Check-in</source>
        <translation>Arrivée</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation>Départ</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>Marked by</source>
        <translation>Marqué par</translation>
    </message>
    <message>
        <source>Marked at</source>
        <translation>Marqué le</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>Poste</translation>
    </message>
    <message>
        <source>Set for review</source>
        <translation>En révision</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>Session date</source>
        <translation>Date de la séance</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Student number</source>
        <translation>Matricule</translation>
    </message>
    <message>
        <source>Resident / DOC id</source>
        <translation>N° de résident / d’écrou</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Date de naissance</translation>
    </message>
    <message>
        <source>Enrolled since</source>
        <translation>Inscrit depuis</translation>
    </message>
    <message>
        <source>Enrolment status</source>
        <translation>Statut d’inscription</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrits</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>New start</source>
        <translation>Nouveau début</translation>
    </message>
    <message>
        <source>New length (minutes)</source>
        <translation>Nouvelle durée (minutes)</translation>
    </message>
    <message>
        <source>First session</source>
        <translation>Première séance</translation>
    </message>
    <message>
        <source>Length (minutes)</source>
        <translation>Durée (minutes)</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Répétition</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Dernier jour</translation>
    </message>
    <message>
        <source>Skipped days</source>
        <translation>Jours sautés</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>N° de série</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Délivré le</translation>
    </message>
    <message>
        <source>Clock-in</source>
        <translation>Pointage d’arrivée</translation>
    </message>
    <message>
        <source>Clock-out</source>
        <translation>Pointage de départ</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Contact d’urgence</translation>
    </message>
    <message>
        <source>Their phone</source>
        <translation>Son téléphone</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Lien</translation>
    </message>
    <message>
        <source>Medical notes</source>
        <translation>Notes médicales</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>Day of the week</source>
        <translation>Jour de la semaine</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Jusqu’au</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Valable du</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valable jusqu’au</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>A reason</source>
        <translation>Un motif</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>no hours</source>
        <translation>aucune heure</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… et {count} de plus</translation>
    </message>
    <message>
        <source>time off: {reason}</source>
        <translation>congé : {reason}</translation>
    </message>
    <message>
        <source>time off</source>
        <translation>congé</translation>
    </message>
    <message>
        <source>works {hours} that day</source>
        <translation>travaille {hours} ce jour-là</translation>
    </message>
    <message>
        <source>not working that day</source>
        <translation>ne travaille pas ce jour-là</translation>
    </message>
    <message>
        <source>{name} is not available {when} ({why})</source>
        <translation>{name} n’est pas disponible le {when} ({why})</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first} – {last}</translation>
    </message>
    <message>
        <source>rooms {rooms} and programs {programs}</source>
        <translation>salles {rooms} et programmes {programs}</translation>
    </message>
    <message>
        <source>rooms {rooms}</source>
        <translation>salles {rooms}</translation>
    </message>
    <message>
        <source>programs {programs}</source>
        <translation>programmes {programs}</translation>
    </message>
    <message>
        <source>every session</source>
        <translation>toutes les séances</translation>
    </message>
    <message>
        <source>{when} · {room}</source>
        <translation>{when} · {room}</translation>
    </message>
    <message>
        <source>already marked {status}</source>
        <translation>déjà noté {status}</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>quelqu’un</translation>
    </message>
    <message>
        <source>A removed class</source>
        <translation>Une classe supprimée</translation>
    </message>
    <message>
        <source>Its sessions were removed from the schedule; move the mark or keep it.</source>
        <translation>Ses séances ont été retirées de l’emploi du temps ; déplacez la marque ou gardez-la.</translation>
    </message>
    <message>
        <source>The schedule no longer has a {name} session on {day}.</source>
        <translation>L’emploi du temps n’a plus de séance de {name} le {day}.</translation>
    </message>
    <message>
        <source>That session was cancelled after the mark was taken.</source>
        <translation>Cette séance a été annulée après la prise de la marque.</translation>
    </message>
    <message>
        <source>The facility is closed on {day} ({reason}): no session is held then.</source>
        <translation>L’établissement est fermé le {day} ({reason}) : aucune séance n’a lieu ce jour-là.</translation>
    </message>
    <message>
        <source>That session of {day} was moved to {when}.</source>
        <translation>Cette séance du {day} a été déplacée au {when}.</translation>
    </message>
    <message>
        <source>another workstation</source>
        <translation>un autre poste</translation>
    </message>
    <message>
        <source>Marked differently on two workstations: you marked {mine}, {who} marked {theirs}.</source>
        <translation>Noté différemment sur deux postes : vous avez noté {mine}, {who} a noté {theirs}.</translation>
    </message>
    <message>
        <source>Marked differently on two workstations; {who}&apos;s mark {status} stands.</source>
        <translation>Noté différemment sur deux postes ; la marque {status} de {who} est retenue.</translation>
    </message>
    <message>
        <source>{room} is booked for {name}, {when}</source>
        <translation>{room} est réservée pour {name}, {when}</translation>
    </message>
    <message>
        <source>The room is booked for {name}, {when}</source>
        <translation>La salle est réservée pour {name}, {when}</translation>
    </message>
    <message>
        <source>{person} teaches {name}, {when}</source>
        <translation>{person} enseigne {name}, {when}</translation>
    </message>
    <message>
        <source>The instructor teaches {name}, {when}</source>
        <translation>Le formateur enseigne {name}, {when}</translation>
    </message>
</context>
<context>
    <name>paper</name>
    <message>
        <source>Attendance: {klass}</source>
        <translation>Présences : {klass}</translation>
    </message>
    <message>
        <source>{marked} of {total} marked</source>
        <translation>{marked} sur {total} marqués</translation>
    </message>
    <message>
        <source>{rows} rows are too many for a PDF (at most {most}). Filter the report or export it as XLSX or CSV.</source>
        <translation>{rows} lignes, c’est trop pour un PDF (au plus {most}). Filtrez le rapport ou exportez-le en XLSX ou CSV.</translation>
    </message>
    <message>
        <source>Sign-in sheet: {klass}</source>
        <translation>Feuille d’émargement : {klass}</translation>
    </message>
    <message>
        <source>{name} (substitute)</source>
        <translation>{name} (remplaçant)</translation>
    </message>
    <message>
        <source>Room: {room}    Instructor: {instructor}</source>
        <translation>Salle : {room}    Formateur : {instructor}</translation>
    </message>
    <message>
        <source>Mark: circle one — {letters}</source>
        <translation>Marque : entourez-en une — {letters}</translation>
    </message>
    <message>
        <source>{marked} of {total} marked · {statuses}</source>
        <translation>{marked} sur {total} marqués · {statuses}</translation>
    </message>
    <message>
        <source>Instructor&apos;s signature:</source>
        <translation>Signature du formateur :</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Date :</translation>
    </message>
    <message>
        <source>Page {number} of {count}</source>
        <translation>Page {number} sur {count}</translation>
    </message>
    <message>
        <source>No sessions to print for {whose} on {day} (only cancelled ones): no file was written.</source>
        <translation>Aucune séance à imprimer pour {whose} le {day} (seulement des séances annulées) : aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <source>No sessions to print for {whose} on {day}: no file was written.</source>
        <translation>Aucune séance à imprimer pour {whose} le {day} : aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <source>No sessions to print for {whose} in the week of {day} (only cancelled ones): no file was written.</source>
        <translation>Aucune séance à imprimer pour {whose} la semaine du {day} (seulement des séances annulées) : aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <source>No sessions to print for {whose} in the week of {day}: no file was written.</source>
        <translation>Aucune séance à imprimer pour {whose} la semaine du {day} : aucun fichier n’a été écrit.</translation>
    </message>
    <message>
        <source>Sign-in sheets: {whose} on {day}</source>
        <translation>Feuilles d’émargement : {whose} le {day}</translation>
    </message>
    <message>
        <source>Sign-in sheets: {whose} in the week of {day}</source>
        <translation>Feuilles d’émargement : {whose} la semaine du {day}</translation>
    </message>
    <message>
        <source>the facility</source>
        <translation>l’établissement</translation>
    </message>
    <message>
        <source>There are no sessions to print.</source>
        <translation>Il n’y a aucune séance à imprimer.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Export the report</source>
        <translation>Exporter le rapport</translation>
    </message>
</context>
<context>
    <name>refusal</name>
    <message>
        <source>The file could not be written: </source>
        <translation>Le fichier n’a pas pu être écrit : </translation>
    </message>
    <message>
        <source>The check-out time is before the check-in time</source>
        <translation>L’heure de départ est avant l’heure d’arrivée</translation>
    </message>
    <message>
        <source>{field} contains a control character</source>
        <translation>{field} contient un caractère de contrôle</translation>
    </message>
    <message>
        <source>{field} is required</source>
        <translation>{field} est obligatoire</translation>
    </message>
    <message>
        <source>{field} is longer than {most} characters</source>
        <translation>{field} dépasse {most} caractères</translation>
    </message>
    <message>
        <source>The calendar window ends before it starts</source>
        <translation>La période du calendrier se termine avant de commencer</translation>
    </message>
    <message>
        <source>A proposed session ends before it starts</source>
        <translation>Une séance proposée se termine avant de commencer</translation>
    </message>
    <message>
        <source>The period ends before it starts</source>
        <translation>La période se termine avant de commencer</translation>
    </message>
    <message>
        <source>The enrollment ends before it starts</source>
        <translation>L’inscription se termine avant de commencer</translation>
    </message>
    <message>
        <source>The time log ends before it starts</source>
        <translation>Le relevé d’heures se termine avant de commencer</translation>
    </message>
    <message>
        <source>An absence reason goes only with an absence.</source>
        <translation>Un motif d’absence ne va qu’avec une absence.</translation>
    </message>
    <message>
        <source>Check-in, check-out and minutes go only with attendance, not with an absence.</source>
        <translation>Arrivée, départ et minutes ne vont qu’avec une présence, pas avec une absence.</translation>
    </message>
    <message>
        <source>Minutes must be a whole number.</source>
        <translation>Les minutes doivent être un nombre entier.</translation>
    </message>
    <message>
        <source>Minutes must be between 0 and {most}.</source>
        <translation>Les minutes doivent être entre 0 et {most}.</translation>
    </message>
    <message>
        <source>The minutes do not match the check-in and check-out times.</source>
        <translation>Les minutes ne correspondent pas aux heures d’arrivée et de départ.</translation>
    </message>
    <message>
        <source>This session was cancelled.</source>
        <translation>Cette séance a été annulée.</translation>
    </message>
    <message>
        <source>This session has not started yet.</source>
        <translation>Cette séance n’a pas encore commencé.</translation>
    </message>
    <message>
        <source>This student is not on the roster of this session.</source>
        <translation>Cet apprenant n’est pas sur la liste de cette séance.</translation>
    </message>
    <message>
        <source>A student is no longer on the roster of this session; nothing was undone.</source>
        <translation>Un apprenant n’est plus sur la liste de cette séance ; rien n’a été annulé.</translation>
    </message>
    <message>
        <source>{refusal} Attendance cannot be taken for it.</source>
        <translation>{refusal} On ne peut pas y prendre les présences.</translation>
    </message>
    <message>
        <source>That student number is already in use.</source>
        <translation>Ce matricule est déjà utilisé.</translation>
    </message>
    <message>
        <source>That email address is already in use.</source>
        <translation>Cette adresse électronique est déjà utilisée.</translation>
    </message>
    <message>
        <source>That user name is already taken.</source>
        <translation>Ce nom d’utilisateur est déjà pris.</translation>
    </message>
    <message>
        <source>A facility with that name already exists.</source>
        <translation>Un établissement porte déjà ce nom.</translation>
    </message>
    <message>
        <source>A program with that name already exists.</source>
        <translation>Un programme porte déjà ce nom.</translation>
    </message>
    <message>
        <source>This facility already has a room with that name.</source>
        <translation>Cet établissement a déjà une salle de ce nom.</translation>
    </message>
    <message>
        <source>The student is already on this roster.</source>
        <translation>L’apprenant est déjà sur cette liste.</translation>
    </message>
    <message>
        <source>A credential with that serial number already exists.</source>
        <translation>Un certificat porte déjà ce numéro de série.</translation>
    </message>
    <message>
        <source>Attendance for this student and session is already recorded.</source>
        <translation>La présence de cet apprenant à cette séance est déjà enregistrée.</translation>
    </message>
    <message>
        <source>That record already exists.</source>
        <translation>Cet enregistrement existe déjà.</translation>
    </message>
    <message>
        <source>&quot;{stretch}&quot; is not a stretch of hours: write it as 09:00-17:00.</source>
        <translation>« {stretch} » n’est pas une plage horaire : écrivez-la comme 09:00-17:00.</translation>
    </message>
    <message>
        <source>&quot;{stretch}&quot; ends before it starts.</source>
        <translation>« {stretch} » finit avant de commencer.</translation>
    </message>
    <message>
        <source>{first} (and {count} more sessions).</source>
        <translation>{first} (et {count} séances de plus).</translation>
    </message>
    <message>
        <source>{first}.</source>
        <translation>{first}.</translation>
    </message>
    <message>
        <source>Choose a weekday from Monday to Sunday.</source>
        <translation>Choisissez un jour de lundi à dimanche.</translation>
    </message>
    <message>
        <source>{day} {start}: hours run from 00:00 to 24:00.</source>
        <translation>{day} {start} : les heures vont de 00:00 à 24:00.</translation>
    </message>
    <message>
        <source>{day} {start}–{end}: the end must be after the start.</source>
        <translation>{day} {start}–{end} : la fin doit suivre le début.</translation>
    </message>
    <message>
        <source>{day} {start}: valid until {until}, before it is valid from {since}.</source>
        <translation>{day} {start} : valable jusqu’au {until}, avant d’être valable à partir du {since}.</translation>
    </message>
    <message>
        <source>Time off from {when}: the end must be after the start.</source>
        <translation>Congé à partir du {when} : la fin doit suivre le début.</translation>
    </message>
    <message>
        <source>At most {most} entries of each kind.</source>
        <translation>Au plus {most} entrées de chaque sorte.</translation>
    </message>
    <message>
        <source>The days end before they start.</source>
        <translation>Les jours finissent avant de commencer.</translation>
    </message>
    <message>
        <source>The session series does not exist or was deleted.</source>
        <translation>La série de séances n’existe pas ou a été supprimée.</translation>
    </message>
    <message>
        <source>The facility does not exist.</source>
        <translation>L’établissement n’existe pas.</translation>
    </message>
    <message>
        <source>{room} is already booked for {name} on {when}.</source>
        <translation>{room} est déjà réservée pour {name} le {when}.</translation>
    </message>
    <message>
        <source>The room is already booked for {name} on {when}.</source>
        <translation>La salle est déjà réservée pour {name} le {when}.</translation>
    </message>
    <message>
        <source>{person} is already teaching {name} on {when}.</source>
        <translation>{person} enseigne déjà {name} le {when}.</translation>
    </message>
    <message>
        <source>The instructor is already teaching {name} on {when}.</source>
        <translation>Le formateur enseigne déjà {name} le {when}.</translation>
    </message>
    <message>
        <source>{message} (1 more clash)</source>
        <translation>{message} (1 autre conflit)</translation>
    </message>
    <message>
        <source>{message} ({count} more clashes)</source>
        <translation>{message} ({count} autres conflits)</translation>
    </message>
    <message>
        <source>Only administrators declare or remove closures.</source>
        <translation>Seuls les administrateurs déclarent ou retirent des fermetures.</translation>
    </message>
    <message>
        <source>The closure ends before it starts.</source>
        <translation>La fermeture finit avant de commencer.</translation>
    </message>
    <message>
        <source>A closure can span at most {most} days.</source>
        <translation>Une fermeture dure au plus {most} jours.</translation>
    </message>
    <message>
        <source>The facility does not exist or was deleted.</source>
        <translation>L’établissement n’existe pas ou a été supprimé.</translation>
    </message>
    <message>
        <source>Already closed: {dates} ({reason}).</source>
        <translation>Déjà fermé : {dates} ({reason}).</translation>
    </message>
    <message>
        <source>The closure does not exist or was removed.</source>
        <translation>La fermeture n’existe pas ou a été retirée.</translation>
    </message>
    <message>
        <source>Only administrators declare or lift disruptions.</source>
        <translation>Seuls les administrateurs déclarent ou lèvent des perturbations.</translation>
    </message>
    <message>
        <source>Give the window in the facility&apos;s wall-clock time.</source>
        <translation>Donnez la plage à l’heure locale de l’établissement.</translation>
    </message>
    <message>
        <source>The disruption must end after it starts.</source>
        <translation>La perturbation doit finir après son début.</translation>
    </message>
    <message>
        <source>A disruption can last at most {most} days; declare a closure for longer.</source>
        <translation>Une perturbation dure au plus {most} jours ; déclarez une fermeture pour plus longtemps.</translation>
    </message>
    <message>
        <source>A room chosen is not of this facility.</source>
        <translation>Une salle choisie n’est pas de cet établissement.</translation>
    </message>
    <message>
        <source>A program chosen has no sessions at this facility.</source>
        <translation>Un programme choisi n’a pas de séances dans cet établissement.</translation>
    </message>
    <message>
        <source>The disruption does not exist or was removed.</source>
        <translation>La perturbation n’existe pas ou a été retirée.</translation>
    </message>
    <message>
        <source>The disruption was lifted already.</source>
        <translation>La perturbation a déjà été levée.</translation>
    </message>
    <message>
        <source>Choose the missed sessions the make-up is for.</source>
        <translation>Choisissez les séances manquées que le rattrapage remplace.</translation>
    </message>
    <message>
        <source>That session is not a make-up for it.</source>
        <translation>Cette séance n’en est pas le rattrapage.</translation>
    </message>
    <message>
        <source>The session does not exist or was deleted.</source>
        <translation>La séance n’existe pas ou a été supprimée.</translation>
    </message>
    <message>
        <source>The make-up session is not held: there is no session that day.</source>
        <translation>La séance de rattrapage n’a pas lieu : il n’y a pas de séance ce jour-là.</translation>
    </message>
    <message>
        <source>The make-up session is cancelled.</source>
        <translation>La séance de rattrapage est annulée.</translation>
    </message>
    <message>
        <source>A missed session does not exist or was deleted.</source>
        <translation>Une séance manquée n’existe pas ou a été supprimée.</translation>
    </message>
    <message>
        <source>Nobody missed the session of {day}: it was not held.</source>
        <translation>Personne n’a manqué la séance du {day} : elle n’a pas eu lieu.</translation>
    </message>
    <message>
        <source>A make-up session makes up sessions of its own class.</source>
        <translation>Une séance de rattrapage remplace des séances de sa propre classe.</translation>
    </message>
    <message>
        <source>The make-up must come after the session it makes up.</source>
        <translation>Le rattrapage doit venir après la séance qu’il remplace.</translation>
    </message>
    <message>
        <source>Choose this session or all future sessions.</source>
        <translation>Choisissez cette séance ou toutes les séances à venir.</translation>
    </message>
    <message>
        <source>The new start must be a local wall time of the facility.</source>
        <translation>Le nouveau début doit être une heure locale de l’établissement.</translation>
    </message>
    <message>
        <source>This session is cancelled; restore it before moving it.</source>
        <translation>Cette séance est annulée ; rétablissez-la avant de la déplacer.</translation>
    </message>
    <message>
        <source>This session has no changes to undo.</source>
        <translation>Cette séance n’a aucune modification à annuler.</translation>
    </message>
    <message>
        <source>The series has no session on {day}.</source>
        <translation>La série n’a pas de séance le {day}.</translation>
    </message>
    <message>
        <source>The class does not exist or was deleted.</source>
        <translation>La classe n’existe pas ou a été supprimée.</translation>
    </message>
    <message>
        <source>{name} has no session on {day}.</source>
        <translation>{name} n’a pas de séance le {day}.</translation>
    </message>
    <message>
        <source>The facility does not exist or was removed.</source>
        <translation>L’établissement n’existe pas ou a été retiré.</translation>
    </message>
    <message>
        <source>“{kind}” is not a report.</source>
        <translation>« {kind} » n’est pas un rapport.</translation>
    </message>
    <message>
        <source>The period is made of calendar dates.</source>
        <translation>La période se compose de dates du calendrier.</translation>
    </message>
    <message>
        <source>A report can span at most a year.</source>
        <translation>Un rapport couvre au plus un an.</translation>
    </message>
    <message>
        <source>This mark&apos;s session is no longer held, so a new status cannot be taken for it. Move the mark to the session where it belongs, or keep it.</source>
        <translation>La séance de cette marque n’a plus lieu : on ne peut pas lui donner un nouveau statut. Déplacez la marque vers la séance à laquelle elle appartient, ou gardez-la.</translation>
    </message>
    <message>
        <source>A mark can only move to another session of its own class.</source>
        <translation>Une marque ne peut aller que vers une autre séance de sa propre classe.</translation>
    </message>
    <message>
        <source>That session was cancelled; choose another.</source>
        <translation>Cette séance a été annulée ; choisissez-en une autre.</translation>
    </message>
    <message>
        <source>That session has not started yet; choose another.</source>
        <translation>Cette séance n’a pas encore commencé ; choisissez-en une autre.</translation>
    </message>
    <message>
        <source>The mark is already on that session.</source>
        <translation>La marque est déjà sur cette séance.</translation>
    </message>
    <message>
        <source>{name} is not on the roster of that session.</source>
        <translation>{name} n’est pas sur la liste de cette séance.</translation>
    </message>
    <message>
        <source>{name} already has a mark on that session ({status}): change it there, or keep this one.</source>
        <translation>{name} a déjà une marque sur cette séance ({status}) : changez-la là-bas, ou gardez celle-ci.</translation>
    </message>
    <message>
        <source>That mark was removed or is no longer on this workstation.</source>
        <translation>Cette marque a été retirée ou n’est plus sur ce poste.</translation>
    </message>
    <message>
        <source>The student does not exist or was deleted.</source>
        <translation>L’apprenant n’existe pas ou a été supprimé.</translation>
    </message>
    <message>
        <source>The enrollment does not exist or was deleted.</source>
        <translation>L’inscription n’existe pas ou a été supprimée.</translation>
    </message>
    <message>
        <source>The student is already in this class; choose another class.</source>
        <translation>L’apprenant est déjà dans cette classe ; choisissez une autre classe.</translation>
    </message>
    <message>
        <source>{name} is at another facility. Transfer the student to that facility first, then enrol them there.</source>
        <translation>{name} est dans un autre établissement. Transférez d’abord l’apprenant dans cet établissement, puis inscrivez-le là-bas.</translation>
    </message>
    <message>
        <source>{name} is not a student.</source>
        <translation>{name} n’est pas un apprenant.</translation>
    </message>
    <message>
        <source>{name} is cancelled; no one can join it.</source>
        <translation>{name} est annulée ; personne ne peut s’y inscrire.</translation>
    </message>
    <message>
        <source>{name} is completed; no one can join it.</source>
        <translation>{name} est terminée ; personne ne peut s’y inscrire.</translation>
    </message>
    <message>
        <source>{student} belongs to another facility than {name}.</source>
        <translation>{student} appartient à un autre établissement que {name}.</translation>
    </message>
    <message>
        <source>The student is already on the waitlist of this class.</source>
        <translation>L’apprenant est déjà sur la liste d’attente de cette classe.</translation>
    </message>
    <message>
        <source>{name} is full ({taken} of {capacity} places taken). Put the student on the waitlist instead.</source>
        <translation>{name} est complète ({taken} places prises sur {capacity}). Mettez plutôt l’apprenant sur la liste d’attente.</translation>
    </message>
    <message>
        <source>{name} is full ({taken} of {capacity} places taken).</source>
        <translation>{name} est complète ({taken} places prises sur {capacity}).</translation>
    </message>
    <message>
        <source>A calendar window can span at most a year.</source>
        <translation>Une période du calendrier couvre au plus un an.</translation>
    </message>
    <message>
        <source>Proposed times must be instants (with a timezone).</source>
        <translation>Les heures proposées doivent être des instants (avec un fuseau horaire).</translation>
    </message>
    <message>
        <source>A session lasts from one minute to 24 hours.</source>
        <translation>Une séance dure d’une minute à 24 heures.</translation>
    </message>
    <message>
        <source>Repeat every 1 to {most} weeks or days.</source>
        <translation>Répétez toutes les 1 à {most} semaines ou jours.</translation>
    </message>
    <message>
        <source>Choose at least one weekday.</source>
        <translation>Choisissez au moins un jour de la semaine.</translation>
    </message>
    <message>
        <source>Choose how the sessions repeat.</source>
        <translation>Choisissez comment les séances se répètent.</translation>
    </message>
    <message>
        <source>Choose the last day of the series.</source>
        <translation>Choisissez le dernier jour de la série.</translation>
    </message>
    <message>
        <source>The last day ({last}) is before the first ({first}).</source>
        <translation>Le dernier jour ({last}) est avant le premier ({first}).</translation>
    </message>
    <message>
        <source>The series has from 1 to {most} sessions.</source>
        <translation>La série compte de 1 à {most} séances.</translation>
    </message>
    <message>
        <source>A series stays with its class: create a new series for another class.</source>
        <translation>Une série reste avec sa classe : créez une nouvelle série pour une autre classe.</translation>
    </message>
    <message>
        <source>{name} has no session on or after {day}.</source>
        <translation>{name} n’a pas de séance le {day} ni après.</translation>
    </message>
    <message>
        <source>Attendance was taken on {day}: apply the changes from a later date, so that no marked session moves.</source>
        <translation>La présence a été prise le {day} : appliquez les changements à partir d’une date plus tardive, pour qu’aucune séance notée ne bouge.</translation>
    </message>
    <message>
        <source>1 session of the series is before {day}: the series needs more than 1 to go on.</source>
        <translation>1 séance de la série est avant le {day} : la série doit en compter plus de 1 pour continuer.</translation>
    </message>
    <message>
        <source>{held} sessions of the series are before {day}: the series needs more than {held} to go on.</source>
        <translation>{held} séances de la série sont avant le {day} : la série doit en compter plus de {held} pour continuer.</translation>
    </message>
    <message>
        <source>The first session ({first}) is before the class starts ({start}).</source>
        <translation>La première séance ({first}) est avant le début de la classe ({start}).</translation>
    </message>
    <message>
        <source>The first session ({first}) is after the class ends ({end}).</source>
        <translation>La première séance ({first}) est après la fin de la classe ({end}).</translation>
    </message>
    <message>
        <source>The sessions would run past the end of the class ({end}).</source>
        <translation>Les séances dépasseraient la fin de la classe ({end}).</translation>
    </message>
    <message>
        <source>The facility is closed on {day} ({reason}): no session can be held then.</source>
        <translation>L’établissement est fermé le {day} ({reason}) : aucune séance ne peut avoir lieu ce jour-là.</translation>
    </message>
    <message>
        <source>The class is cancelled; it cannot have sessions.</source>
        <translation>La classe est annulée ; elle ne peut pas avoir de séances.</translation>
    </message>
    <message>
        <source>The facility of the class does not exist.</source>
        <translation>L’établissement de la classe n’existe pas.</translation>
    </message>
    <message>
        <source>Attendance was already taken for the session of {day}; change sessions one by one up to then, or all future sessions from a later date.</source>
        <translation>La présence a déjà été prise pour la séance du {day} ; changez les séances une par une jusque-là, ou toutes les séances à venir à partir d’une date plus tardive.</translation>
    </message>
    <message>
        <source>Staff accounts are kept on the server. Connect to the server to manage them.</source>
        <translation>Les comptes du personnel sont gardés sur le serveur. Connectez-vous au serveur pour les gérer.</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>Vous ne pouvez pas désactiver votre propre compte.</translation>
    </message>
    <message>
        <source>This issue has no values of this workstation to keep.</source>
        <translation>Ce problème n’a aucune valeur de ce poste à garder.</translation>
    </message>
    <message>
        <source>That sync issue is already resolved or does not exist.</source>
        <translation>Ce problème de synchronisation est déjà résolu ou n’existe pas.</translation>
    </message>
    <message>
        <source>Nothing to write: no field of this record was given.</source>
        <translation>Rien à écrire&#xa0;: aucun champ de cet enregistrement n’a été donné.</translation>
    </message>
    <message>
        <source>The record is no longer on this workstation.</source>
        <translation>L’enregistrement n’est plus sur ce poste.</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Training summary</source>
        <translation>Synthèse des formations</translation>
    </message>
    <message>
        <source>Participant progress</source>
        <translation>Progression des participants</translation>
    </message>
    <message>
        <source>Hours per student</source>
        <translation>Heures par apprenant</translation>
    </message>
    <message>
        <source>Active enrollments</source>
        <translation>Inscriptions en cours</translation>
    </message>
    <message>
        <source>Missing attendance</source>
        <translation>Présences manquantes</translation>
    </message>
</context>
<context>
    <name>risk</name>
    <message>
        <source>Not attended yet: 1 session</source>
        <translation>Jamais venu : 1 séance</translation>
    </message>
    <message>
        <source>Not attended yet: {n} sessions</source>
        <translation>Jamais venu : {n} séances</translation>
    </message>
    <message>
        <source>Not attended yet: 1 session since {day}</source>
        <translation>Jamais venu : 1 séance depuis le {day}</translation>
    </message>
    <message>
        <source>Not attended yet: {n} sessions since {day}</source>
        <translation>Jamais venu : {n} séances depuis le {day}</translation>
    </message>
    <message>
        <source>Absent {n} times in a row</source>
        <translation>Absent {n} fois d’affilée</translation>
    </message>
    <message>
        <source>{n} unexcused absences</source>
        <translation>{n} absences non excusées</translation>
    </message>
</context>
<context>
    <name>server</name>
    <message>
        <source>Off (only on a trusted local network)</source>
        <translation>Désactivé (seulement sur un réseau local de confiance)</translation>
    </message>
    <message>
        <source>Use if the server offers it</source>
        <translation>Utilisé si le serveur le propose</translation>
    </message>
    <message>
        <source>Required, certificate not checked</source>
        <translation>Exigé, certificat non vérifié</translation>
    </message>
    <message>
        <source>Required, certificate checked</source>
        <translation>Exigé, certificat vérifié</translation>
    </message>
    <message>
        <source>Required, certificate and host name checked</source>
        <translation>Exigé, certificat et nom d’hôte vérifiés</translation>
    </message>
</context>
<context>
    <name>sheet</name>
    <message>
        <source>Present</source>
        <translation>Présent</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>Partiel</translation>
    </message>
    <message>
        <source>Excused</source>
        <translation>Excusé</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>The number on the printed sheet; sorted by it, the printed order</source>
        <translation>Le numéro sur la feuille imprimée ; trié par lui, l’ordre imprimé</translation>
    </message>
    <message>
        <source>Click a button to mark: P present, L late, T partial, E excused, A absent</source>
        <translation>Cliquez un bouton pour marquer : P présent, L en retard, T partiel, E excusé, A absent</translation>
    </message>
    <message>
        <source>Minutes attended</source>
        <translation>Minutes de présence</translation>
    </message>
    <message>
        <source>not marked</source>
        <translation>non marqué</translation>
    </message>
    <message>
        <source>Mark {name}: {buttons}. Now {now}.</source>
        <translation>Marquer {name} : {buttons}. Actuellement {now}.</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Conflict</source>
        <translation>Conflit</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Refusé par le serveur</translation>
    </message>
    <message>
        <source>Please check</source>
        <translation>À vérifier</translation>
    </message>
    <message>
        <source>someone on another workstation</source>
        <translation>quelqu’un sur un autre poste</translation>
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
        <translation>un apprenant</translation>
    </message>
    <message>
        <source>{student}, {session}</source>
        <translation>{student}, {session}</translation>
    </message>
    <message>
        <source>a class</source>
        <translation>une classe</translation>
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
        <translation>vous avez noté {mine}, {who} a noté {theirs}</translation>
    </message>
    <message>
        <source>Keep mine: your mark {mine} replaces {who}&apos;s {theirs} on the server.</source>
        <translation>Garder le mien&#xa0;: votre note {mine} remplace {theirs} de {who} sur le serveur.</translation>
    </message>
    <message>
        <source>Keep theirs: {who}&apos;s {theirs} stays; your mark {mine} is dropped.</source>
        <translation>Garder le leur&#xa0;: {theirs} de {who} reste&#xa0;; votre note {mine} est abandonnée.</translation>
    </message>
    <message>
        <source>you changed {fields}; so did {who}</source>
        <translation>vous avez modifié {fields}&#xa0;; {who} aussi</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>you changed it; so did {who}</source>
        <translation>vous l’avez modifié&#xa0;; {who} aussi</translation>
    </message>
    <message>
        <source>Keep mine: your {mine} replaces {who}&apos;s {theirs} on the server.</source>
        <translation>Garder le mien&#xa0;: votre version ({mine}) remplace celle de {who} ({theirs}) sur le serveur.</translation>
    </message>
    <message>
        <source>Keep theirs: {who}&apos;s {theirs} stays; your {mine} is dropped.</source>
        <translation>Garder le leur&#xa0;: la version de {who} ({theirs}) reste&#xa0;; la vôtre ({mine}) est abandonnée.</translation>
    </message>
    <message>
        <source>Keep mine: your {mine} replaces {who}&apos;s version on the server.</source>
        <translation>Garder le mien&#xa0;: votre version ({mine}) remplace celle de {who} sur le serveur.</translation>
    </message>
    <message>
        <source>Keep theirs: {who}&apos;s version stays; your {mine} is dropped.</source>
        <translation>Garder le leur&#xa0;: la version de {who} reste&#xa0;; la vôtre ({mine}) est abandonnée.</translation>
    </message>
    <message>
        <source>Keep mine: your change replaces {who}&apos;s {theirs} on the server.</source>
        <translation>Garder le mien&#xa0;: votre modification remplace la version de {who} ({theirs}) sur le serveur.</translation>
    </message>
    <message>
        <source>Keep theirs: {who}&apos;s {theirs} stays; your change is dropped.</source>
        <translation>Garder le leur&#xa0;: la version de {who} ({theirs}) reste&#xa0;; votre modification est abandonnée.</translation>
    </message>
    <message>
        <source>Keep mine: your change replaces {who}&apos;s version on the server.</source>
        <translation>Garder le mien&#xa0;: votre modification remplace la version de {who} sur le serveur.</translation>
    </message>
    <message>
        <source>Keep theirs: {who}&apos;s version stays; your change is dropped.</source>
        <translation>Garder le leur&#xa0;: la version de {who} reste&#xa0;; votre modification est abandonnée.</translation>
    </message>
    <message>
        <source>Keep mine: your version is written again here and sent at the next sync (correct it first if the server&apos;s reason says so).</source>
        <translation>Garder le mien&#xa0;: votre version est réécrite ici et envoyée à la prochaine synchronisation (corrigez-la d’abord si la raison du serveur le demande).</translation>
    </message>
    <message>
        <source>Keep theirs: your refused change is set aside; the server&apos;s stands.</source>
        <translation>Garder le leur&#xa0;: votre modification refusée est mise de côté&#xa0;; celle du serveur reste.</translation>
    </message>
    <message>
        <source>Keep mine: this workstation&apos;s version is written again and sent.</source>
        <translation>Garder le mien&#xa0;: la version de ce poste est réécrite et envoyée.</translation>
    </message>
    <message>
        <source>Keep theirs: the record stays as it is now; the notice is dismissed.</source>
        <translation>Garder le leur&#xa0;: l’enregistrement reste tel qu’il est&#xa0;; l’avis est classé.</translation>
    </message>
    <message>
        <source>This cache was restored from a backup or copied from another computer. It now syncs as a new workstation; check the conflicts that follow.</source>
        <translation>Ce cache a été restauré d’une sauvegarde ou copié d’un autre ordinateur. Il se synchronise désormais comme un nouveau poste&#xa0;; vérifiez les conflits qui suivent.</translation>
    </message>
    <message>
        <source>Edited here after it was deleted elsewhere: kept, please check.</source>
        <translation>Modifié ici après avoir été supprimé ailleurs&#xa0;: gardé, à vérifier.</translation>
    </message>
    <message>
        <source>Attendance of {day} kept for review: its sessions were removed from the schedule.</source>
        <translation>Présences du {day} gardées pour vérification&#xa0;: ses séances ont été retirées du planning.</translation>
    </message>
    <message>
        <source>Attendance of {day} kept for review: the schedule no longer has a session that day.</source>
        <translation>Présences du {day} gardées pour vérification&#xa0;: le planning n’a plus de séance ce jour-là.</translation>
    </message>
    <message>
        <source>Attendance of {day} kept for review: that session was cancelled.</source>
        <translation>Présences du {day} gardées pour vérification&#xa0;: cette séance a été annulée.</translation>
    </message>
    <message>
        <source>Attendance of {day} kept for review: that session was moved to {to} {time}.</source>
        <translation>Présences du {day} gardées pour vérification&#xa0;: cette séance a été déplacée au {to} {time}.</translation>
    </message>
    <message>
        <source>The server already has a record with this {field}.</source>
        <translation>Le serveur a déjà un enregistrement avec ce champ&#xa0;: {field}.</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>The transfer key is too short: at least {most} characters.</source>
        <translation>La clé de transfert est trop courte&#xa0;: au moins {most} caractères.</translation>
    </message>
    <message>
        <source>The file is cut short (truncated): nothing was used.</source>
        <translation>Le fichier est incomplet (tronqué)&#xa0;: rien n’a été utilisé.</translation>
    </message>
    <message>
        <source>This is not a Rollbook transfer file: nothing was used.</source>
        <translation>Ce n’est pas un fichier de transfert Rollbook&#xa0;: rien n’a été utilisé.</translation>
    </message>
    <message>
        <source>The file was changed (its header is damaged): nothing was used.</source>
        <translation>Le fichier a été modifié (son en-tête est abîmé)&#xa0;: rien n’a été utilisé.</translation>
    </message>
    <message>
        <source>The file was changed (bytes were added to it): nothing was used.</source>
        <translation>Le fichier a été modifié (des octets y ont été ajoutés)&#xa0;: rien n’a été utilisé.</translation>
    </message>
    <message>
        <source>This transfer file has format {found}; this Rollbook reads format {wanted}.</source>
        <translation>Ce fichier de transfert est au format {found}&#xa0;; ce Rollbook lit le format {wanted}.</translation>
    </message>
    <message>
        <source>The transfer key is wrong for this file (or its header was changed): nothing was used.</source>
        <translation>La clé de transfert ne convient pas à ce fichier (ou son en-tête a été modifié)&#xa0;: rien n’a été utilisé.</translation>
    </message>
    <message>
        <source>The file was changed after it was written (it fails its check): nothing was used.</source>
        <translation>Le fichier a été modifié après son écriture (il échoue à sa vérification)&#xa0;: rien n’a été utilisé.</translation>
    </message>
    <message>
        <source>This is a workstation&apos;s export, to import at a connected computer (`rollbook transfer import`), not a reply to apply here.</source>
        <translation>C’est l’export d’un poste, à importer sur un ordinateur connecté (`rollbook transfer import`), pas une réponse à appliquer ici.</translation>
    </message>
    <message>
        <source>This is a reply, to apply on its workstation (`rollbook transfer apply`), not an export to import.</source>
        <translation>C’est une réponse, à appliquer sur son poste (`rollbook transfer apply`), pas un export à importer.</translation>
    </message>
    <message>
        <source>This workstation has not pulled its data from a server yet: enrol it once on a network (`rollbook workstation init`) before it syncs by transfer file.</source>
        <translation>Ce poste n’a pas encore reçu ses données d’un serveur&#xa0;: inscrivez-le une fois sur un réseau (`rollbook workstation init`) avant qu’il se synchronise par fichier de transfert.</translation>
    </message>
    <message>
        <source>The file cannot be read: {why}</source>
        <translation>Le fichier ne peut pas être lu&#xa0;: {why}</translation>
    </message>
    <message>
        <source>The file was changed (its device does not match): nothing used.</source>
        <translation>Le fichier a été modifié (son poste ne correspond pas)&#xa0;: rien n’a été utilisé.</translation>
    </message>
    <message>
        <source>The server&apos;s schema ({server}) is not this Rollbook&apos;s ({mine}): update Rollbook here (or the server) and import again.</source>
        <translation>Le schéma du serveur ({server}) n’est pas celui de ce Rollbook ({mine})&#xa0;: mettez Rollbook à jour ici (ou le serveur) et importez à nouveau.</translation>
    </message>
    <message>
        <source>Transfer file No. {number} of workstation {device} was already imported (or its changes reached the server by a network sync): nothing was sent again and no reply was written.</source>
        <translation>Le fichier de transfert n°&#xa0;{number} du poste {device} a déjà été importé (ou ses modifications ont atteint le serveur par une synchronisation réseau)&#xa0;: rien n’a été renvoyé et aucune réponse n’a été écrite.</translation>
    </message>
    <message>
        <source>Transfer file No. {number} was already imported: nothing was sent again and no reply was written.</source>
        <translation>Le fichier de transfert n°&#xa0;{number} a déjà été importé&#xa0;: rien n’a été renvoyé et aucune réponse n’a été écrite.</translation>
    </message>
    <message>
        <source>This reply is for another workstation ({other}); this one is {mine}. Nothing was applied.</source>
        <translation>Cette réponse est pour un autre poste ({other})&#xa0;; celui-ci est {mine}. Rien n’a été appliqué.</translation>
    </message>
    <message>
        <source>Reply No. {number} was already applied here: nothing changed.</source>
        <translation>La réponse n°&#xa0;{number} a déjà été appliquée ici&#xa0;: rien n’a changé.</translation>
    </message>
    <message>
        <source>Reply No. {number} is older than reply No. {applied}, already applied: it would undo newer data, so nothing was applied.</source>
        <translation>La réponse n°&#xa0;{number} est plus ancienne que la réponse n°&#xa0;{applied}, déjà appliquée&#xa0;: elle déferait des données plus récentes, donc rien n’a été appliqué.</translation>
    </message>
    <message>
        <source>Reply No. {number} answers an export this workstation never wrote: nothing was applied.</source>
        <translation>La réponse n°&#xa0;{number} répond à un export que ce poste n’a jamais écrit&#xa0;: rien n’a été appliqué.</translation>
    </message>
    <message>
        <source>This workstation has synced further since reply No. {number} was made (over the network or with a newer reply): it holds newer data, so nothing was applied.</source>
        <translation>Ce poste s’est synchronisé plus loin depuis la réponse n°&#xa0;{number} (par le réseau ou avec une réponse plus récente)&#xa0;: il a des données plus récentes, donc rien n’a été appliqué.</translation>
    </message>
</context>
<context>
    <name>trends</name>
    <message>
        <source>{title}: no sessions held in the last {n} weeks.</source>
        <translation>{title} : aucune séance tenue ces {n} dernières semaines.</translation>
    </message>
    <message>
        <source>{title}: {rate}% attended over the last {n} weeks ({attended} of {held}).</source>
        <translation>{title} : {rate} % de présence ces {n} dernières semaines ({attended} sur {held}).</translation>
    </message>
    <message>
        <source>Week of {day}: {rate}%.</source>
        <translation>Semaine du {day} : {rate} %.</translation>
    </message>
    <message>
        <source>Lowest: week of {day}, {rate}%.</source>
        <translation>La plus basse : semaine du {day}, {rate} %.</translation>
    </message>
    <message>
        <source>{below} of {n} weeks below the {minimum}% minimum.</source>
        <translation>{below} semaines sur {n} sous le minimum de {minimum} %.</translation>
    </message>
    <message>
        <source>{klass}: {earned} hours earned; no hours required.</source>
        <translation>{klass} : {earned} heures acquises ; aucune heure exigée.</translation>
    </message>
    <message>
        <source>{klass}: {earned} of {required} hours (requirement met).</source>
        <translation>{klass} : {earned} heures sur {required} (exigence atteinte).</translation>
    </message>
    <message>
        <source>{klass}: {earned} of {required} hours ({left} still needed).</source>
        <translation>{klass} : {earned} heures sur {required} ({left} encore nécessaires).</translation>
    </message>
    <message>
        <source>Week of {day} at {facility}: 1 session</source>
        <translation>Semaine du {day} à {facility} : 1 séance</translation>
    </message>
    <message>
        <source>Week of {day} at {facility}: {n} sessions</source>
        <translation>Semaine du {day} à {facility} : {n} séances</translation>
    </message>
    <message>
        <source> ({n} cancelled)</source>
        <translation> ({n} annulées)</translation>
    </message>
    <message>
        <source>{head}. {days}. Busiest day {day} ({n}); busiest hour {hour} ({sessions}).</source>
        <translation>{head}. {days}. Jour le plus chargé : {day} ({n}) ; heure la plus chargée : {hour} ({sessions}).</translation>
    </message>
</context>
<context>
    <name>values</name>
    <message>
        <source>active</source>
        <translation>actif</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>graduated</source>
        <translation>diplômé</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retiré</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Prévue</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrit</translation>
    </message>
    <message>
        <source>Waitlisted</source>
        <translation>En liste d’attente</translation>
    </message>
    <message>
        <source>Incomplete: Withdrawn</source>
        <translation>Inachevé : retiré</translation>
    </message>
    <message>
        <source>Incomplete: Dropped</source>
        <translation>Inachevé : abandon</translation>
    </message>
    <message>
        <source>Incomplete: Failed to Complete</source>
        <translation>Inachevé : échec</translation>
    </message>
    <message>
        <source>Incomplete: Transfered</source>
        <translation>Inachevé : transféré</translation>
    </message>
    <message>
        <source>Incomplete: Segregated</source>
        <translation>Inachevé : isolé</translation>
    </message>
    <message>
        <source>student</source>
        <translation>apprenant</translation>
    </message>
    <message>
        <source>instructor</source>
        <translation>formateur</translation>
    </message>
    <message>
        <source>facility admin</source>
        <translation>administrateur d’établissement</translation>
    </message>
    <message>
        <source>department admin</source>
        <translation>administrateur de département</translation>
    </message>
    <message>
        <source>system admin</source>
        <translation>administrateur système</translation>
    </message>
    <message>
        <source>classroom</source>
        <translation>salle de classe</translation>
    </message>
    <message>
        <source>lab</source>
        <translation>laboratoire</translation>
    </message>
    <message>
        <source>gym</source>
        <translation>gymnase</translation>
    </message>
    <message>
        <source>pool</source>
        <translation>piscine</translation>
    </message>
    <message>
        <source>court</source>
        <translation>terrain de sport</translation>
    </message>
    <message>
        <source>field</source>
        <translation>terrain</translation>
    </message>
    <message>
        <source>workshop</source>
        <translation>atelier</translation>
    </message>
    <message>
        <source>library</source>
        <translation>bibliothèque</translation>
    </message>
    <message>
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <source>maintenance</source>
        <translation>en maintenance</translation>
    </message>
    <message>
        <source>Educational</source>
        <translation>Éducatif</translation>
    </message>
    <message>
        <source>Vocational</source>
        <translation>Professionnel</translation>
    </message>
    <message>
        <source>Mental health, behavioral</source>
        <translation>Santé mentale, comportement</translation>
    </message>
    <message>
        <source>Religious, faith-based</source>
        <translation>Religieux, confessionnel</translation>
    </message>
    <message>
        <source>Re-entry</source>
        <translation>Réinsertion</translation>
    </message>
    <message>
        <source>Therapeutic</source>
        <translation>Thérapeutique</translation>
    </message>
    <message>
        <source>Life skills</source>
        <translation>Compétences de vie</translation>
    </message>
    <message>
        <source>Federal grants</source>
        <translation>Subventions fédérales</translation>
    </message>
    <message>
        <source>State grants</source>
        <translation>Subventions de l’État</translation>
    </message>
    <message>
        <source>Nonprofit organizations</source>
        <translation>Associations à but non lucratif</translation>
    </message>
    <message>
        <source>Educational grants</source>
        <translation>Subventions éducatives</translation>
    </message>
    <message>
        <source>Inmate welfare funds</source>
        <translation>Fonds d’aide aux détenus</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>mother</source>
        <translation>mère</translation>
    </message>
    <message>
        <source>father</source>
        <translation>père</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>parent</translation>
    </message>
    <message>
        <source>guardian</source>
        <translation>tuteur</translation>
    </message>
    <message>
        <source>grandparent</source>
        <translation>grand-parent</translation>
    </message>
    <message>
        <source>sibling</source>
        <translation>frère ou sœur</translation>
    </message>
    <message>
        <source>in person</source>
        <translation>en présentiel</translation>
    </message>
    <message>
        <source>video</source>
        <translation>vidéo</translation>
    </message>
    <message>
        <source>document</source>
        <translation>document</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>pas commencé</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>terminé</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>certificat</translation>
    </message>
    <message>
        <source>grade</source>
        <translation>note</translation>
    </message>
    <message>
        <source>progress completion</source>
        <translation>progression achevée</translation>
    </message>
    <message>
        <source>pathway completion</source>
        <translation>parcours achevé</translation>
    </message>
    <message>
        <source>college credit</source>
        <translation>crédits universitaires</translation>
    </message>
    <message>
        <source>transcript</source>
        <translation>relevé de notes</translation>
    </message>
    <message>
        <source>externship</source>
        <translation>stage externe</translation>
    </message>
    <message>
        <source>study</source>
        <translation>étude</translation>
    </message>
    <message>
        <source>work assignment</source>
        <translation>affectation de travail</translation>
    </message>
</context>
</TS>
