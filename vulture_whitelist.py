"""Names vulture reports as unused that are used: read by name by Qt, SQLAlchemy, other libraries
or the database, or kept on purpose. `make test` runs `vulture app vulture_whitelist.py`.
Regenerate candidates with `vulture app --min-confidence 60 --make-whitelist`, and add a name
here only with the reason for its group; delete code that nothing uses instead."""

# ruff: noqa
# mypy: ignore-errors

# Qt calls these by name: event handlers, item-model and delegate overrides, size hints.
_.mouseDoubleClickEvent  # app/ui/calendar/grid_base.py
_.contextMenuEvent  # app/ui/calendar/grid_base.py
_.paintEvent  # app/ui/calendar/month_grid.py, app/ui/calendar/time_grid.py, app/ui/charts.py, app/ui/main_window.py
_.minimumSizeHint  # app/ui/charts.py
_.editorEvent  # app/ui/delegates/mark_buttons.py
_.updateEditorGeometry  # app/ui/delegates/sheet.py
_.headerData  # app/ui/models/report_table.py, app/ui/models/sheet_table.py, app/ui/models/student_table.py, app/ui/models/tuple_table.py

# SQLAlchemy reads these by name: the declarative base's type map and mapper arguments, a
# TypeDecorator's hooks, and event listeners registered by decorator (the function name is unused).
type_annotation_map  # app/db/base.py
__mapper_args__  # app/db/base.py
_connect  # app/db/engine.py
_configure  # app/db/engine.py
_returned  # app/db/engine.py
cache_ok  # app/db/types.py
_.process_bind_param  # app/db/types.py
_.process_result_value  # app/db/types.py

# Mapped columns: part of the shared schema (written by imports, the server and the sync), even
# where no Python code reads them; the unit of work stamps updated_by.
updated_by  # app/db/base.py
site_name  # app/db/models/attendance.py
supervisor_name  # app/db/models/attendance.py
verified_by  # app/db/models/attendance.py
deactivated_at  # app/db/models/org.py
total_credits  # app/db/models/records.py
author_id  # app/db/models/records.py
admin_username  # app/db/models/records.py
content_type  # app/db/models/programs.py
funding_type  # app/db/models/programs.py
duration_weeks  # app/db/models/programs.py
is_active  # app/db/models/programs.py
program_type  # app/db/models/programs.py
assessed_by  # app/db/models/programs.py
_.updated_by  # app/repositories/uow.py

# Enum members: stored and synced by value (rows from the server or an import carry them).
MAINTENANCE  # app/domain/enums.py
MOTHER  # app/domain/enums.py
FATHER  # app/domain/enums.py
PARENT  # app/domain/enums.py
GUARDIAN  # app/domain/enums.py
GRANDPARENT  # app/domain/enums.py
SIBLING  # app/domain/enums.py
H5P  # app/domain/enums.py
SCORM  # app/domain/enums.py
VIDEO  # app/domain/enums.py
DOCUMENT  # app/domain/enums.py
SET_PASSWORD  # app/domain/enums.py
RESET_PASSWORD  # app/domain/enums.py
PROGCLASS_HISTORY  # app/domain/enums.py
USER_REACTIVATED  # app/domain/enums.py

# Attributes set on objects of other libraries, which read them: the DB-API connection
# (read_only, isolation_level), openpyxl cells and sheets, gc.callbacks.
_.read_only  # app/importing/engine.py
_.isolation_level  # app/importing/engine.py
_.freeze_panes  # app/ui/exports.py
_.data_type  # app/ui/exports.py
_.quotePrefix  # app/ui/exports.py
_.collections  # app/ui/garbage.py

# Fields of frozen DTOs and query rows: part of the record a screen, an export (dataclasses.fields /
# asdict) or a test reads whole; a field no screen shows yet is still part of what is returned.
effective_absences  # app/domain/attendance.py
meets_minimum  # app/domain/attendance.py, app/services/attendance_dto.py
waitlisted_count  # app/repositories/classes.py, app/services/classes_dto.py
from_status  # app/db/models/programs.py (a column), app/services/rosters_dto.py
module_order  # app/repositories/student_curriculum.py
lesson_order  # app/repositories/student_curriculum.py
link_id  # app/services/people_dto.py
total_credits  # app/services/records_dto.py
author_id  # app/services/records_dto.py
sessions_scheduled  # app/services/reports_dto.py
sessions_held  # app/services/reports_dto.py
sessions_cancelled  # app/services/reports_dto.py
missing_marks  # app/services/reports_dto.py
enrolled_on  # app/services/reports_dto.py
ended_on  # app/services/reports_dto.py
sessions_attended  # app/services/reports_dto.py
session_hours  # app/services/reports_dto.py
ledger_hours  # app/services/reports_dto.py
total_hours  # app/services/reports_dto.py
unverified_hours  # app/services/reports_dto.py
class_ends  # app/services/reports_dto.py
other_series_id  # app/services/schedule_dto.py
other_class_id  # app/services/schedule_dto.py
other_original_date  # app/services/schedule_dto.py
proposed_start_utc  # app/services/schedule_dto.py
proposed_end_utc  # app/services/schedule_dto.py
facility_count  # app/services/workstation.py
# A sync cycle's report: whether the device id was rotated (a restored or cloned cache) and how
# many pulled rows gave way to pending local edits; the sync tests read them.
rotated_device  # app/sync/engine.py
_.rotated_device  # app/sync/engine.py
skipped_pending  # app/sync/local.py
_.skipped_pending  # app/sync/local.py

# Test seams the tests drive on purpose (a fixed clock, a busy writer, a staff engine, a role
# table the server tests check, the redacted URL form, the system actor of scripts).
writer_busy  # app/db/writer_turn.py
desk_checkpoints  # app/db/writer_turn.py (its `done` event: a checkpoint ran)
staff_engine  # app/db/login.py
ROLE_GROUPS  # app/db/server_admin.py
redacted  # app/db/urls.py
SYSTEM_ACTOR  # app/domain/actor.py
_.changed_rows  # app/importing/report.py
FixedClock  # app/infra/clock.py
_.known_account  # app/signin.py
# Called by the benchmarks (bench/bench_queries.py sizes its run with it), not by the desk.
_.count_students  # app/services/people.py
# The sync fault tests' and bench_sync's oracle: every row id and version equal on both sides.
_.digests_match  # app/sync/engine.py
# The sync worker's process, which the worker and timeout tests check is running or gone.
_.alive  # app/sync/worker.py
# What a painted widget shows and where (it has no child widgets to read): a month cell's lines
# and where its "+N more" is painted to click it, where each week's bar was drawn.
_.more_rect  # app/ui/calendar/month_grid.py
_.shown_on  # app/ui/calendar/month_grid.py
_.bar_slots  # app/ui/charts.py
# State the desk tests wait on instead of sleeping: the previous session's sync still being let
# go of, the next retry being scheduled, the all-present confirmation being open (to click it).
_.releasing  # app/ui/session_controller.py
_.next_attempt_at  # app/ui/sync_scheduler.py
_.all_present_box  # app/ui/views/sheet_actions.py

# Read by lupdate only: texts marked for translation where the code names them by variable.
TAB_NAMES  # app/ui/dialogs/student_record.py
