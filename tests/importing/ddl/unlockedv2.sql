-- UnlockEdv2 (seed 000), the tables of its "Table Definitions" section as the seed gives them,
-- put in dependency order (types before the tables that use them). Indexes the seed names on
-- columns its tables do not have (program_class_enrollments.facility_id, ...) are left out.

CREATE TYPE user_role AS ENUM ('student', 'facility_admin', 'department_admin', 'system_admin');
CREATE TYPE activity_history_action AS ENUM (
    'account_creation', 'facility_transfer', 'set_password', 'reset_password',
    'progclass_history', 'user_deactivated');
CREATE TYPE funding_type AS ENUM (
    'Federal_Grants', 'State_Grants', 'Nonprofit_Organizations', 'Educational_Grants',
    'Inmate_Welfare_Funds', 'Other');
CREATE TYPE program_type AS ENUM (
    'Educational', 'Vocational', 'Mental_Health_Behavioral', 'Religious_Faith-Based', 'Re-Entry',
    'Therapeutic', 'Life_Skills');
CREATE TYPE class_status AS ENUM ('Scheduled', 'Active', 'Cancelled', 'Completed', 'Paused');
CREATE TYPE program_enrollment_status AS ENUM (
    'Enrolled', 'Cancelled', 'Completed', 'Incomplete: Withdrawn', 'Incomplete: Dropped',
    'Incomplete: Failed to Complete', 'Incomplete: Transfered', 'Incomplete: Segregated');
CREATE TYPE attendance AS ENUM ('present', 'absent_excused', 'absent_unexcused');
CREATE TYPE provider_platform_type AS ENUM ('canvas_oss', 'canvas_cloud', 'kolibri', 'brightspace');
CREATE TYPE provider_platform_state AS ENUM ('enabled', 'disabled', 'archived');
CREATE TYPE course_type AS ENUM ('open_enrollment', 'open_content', 'fixed_enrollment');
CREATE TYPE activity_type AS ENUM ('interaction', 'completion');
CREATE TYPE milestone_type AS ENUM (
    'enrollment', 'quiz_submission', 'assignment_submission', 'grade_received', 'discussion_post');
CREATE TYPE outcome_type AS ENUM (
    'certificate', 'grade', 'progress_completion', 'pathway_completion', 'college_credit');
CREATE TYPE video_availability AS ENUM ('available', 'processing', 'has_error');
CREATE TYPE feature_access AS ENUM ('open_content', 'provider_platforms', 'program_management');
CREATE TYPE job_status AS ENUM ('pending', 'running');

CREATE TABLE facilities (
    id SERIAL PRIMARY KEY,
    name VARCHAR(255) UNIQUE NOT NULL,
    timezone VARCHAR(100) NOT NULL DEFAULT 'UTC',
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    username VARCHAR(255) UNIQUE NOT NULL,
    name_first VARCHAR(255) NOT NULL,
    name_last VARCHAR(255) NOT NULL,
    email VARCHAR(255) UNIQUE NOT NULL,
    role user_role NOT NULL DEFAULT 'student',
    kratos_id VARCHAR(255) UNIQUE,
    facility_id INTEGER NOT NULL REFERENCES facilities(id),
    doc_id VARCHAR(255),
    deactivated_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW(),
    deleted_at TIMESTAMPTZ
);
CREATE INDEX idx_users_facility_id ON users(facility_id);
CREATE INDEX idx_users_role ON users(role);

CREATE TABLE user_account_history (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    admin_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action activity_history_action NOT NULL,
    program_classes_history_id INTEGER,
    facility_id INTEGER REFERENCES facilities(id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
    PRIMARY KEY (user_id, action, created_at)
);

CREATE TABLE programs (
    id SERIAL PRIMARY KEY,
    name VARCHAR(255) UNIQUE NOT NULL,
    description TEXT,
    funding_type funding_type,
    is_active BOOLEAN DEFAULT true,
    archived_at TIMESTAMPTZ,
    create_user_id INTEGER REFERENCES users(id),
    update_user_id INTEGER REFERENCES users(id),
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE program_types (
    program_type program_type NOT NULL,
    program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
    PRIMARY KEY (program_type, program_id)
);

CREATE TABLE program_classes (
    id SERIAL PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs(id),
    facility_id INTEGER NOT NULL REFERENCES facilities(id),
    capacity BIGINT,
    name VARCHAR(255) NOT NULL,
    instructor_name VARCHAR(255),
    description TEXT,
    archived_at TIMESTAMPTZ,
    start_dt TIMESTAMPTZ NOT NULL,
    end_dt TIMESTAMPTZ,
    status class_status DEFAULT 'Scheduled',
    credit_hours BIGINT,
    create_user_id INTEGER REFERENCES users(id),
    update_user_id INTEGER REFERENCES users(id),
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE program_class_enrollments (
    id SERIAL PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES program_classes(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    enrollment_status program_enrollment_status DEFAULT 'Enrolled',
    change_reason TEXT,
    enrolled_at TIMESTAMPTZ,
    enrollment_ended_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW(),
    UNIQUE(class_id, user_id)
);

CREATE TABLE program_class_events (
    id SERIAL PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES program_classes(id),
    duration VARCHAR(50),
    recurrence_rule TEXT,
    room VARCHAR(255),
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE program_class_event_attendance (
    id SERIAL PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES program_class_events(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    date VARCHAR(50) NOT NULL,
    attendance_status attendance DEFAULT 'absent_unexcused',
    note TEXT,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW(),
    UNIQUE(event_id, user_id, date)
);
CREATE INDEX idx_attendance_event_id ON program_class_event_attendance(event_id);
CREATE INDEX idx_attendance_user_id ON program_class_event_attendance(user_id);

CREATE TABLE provider_platforms (
    id SERIAL PRIMARY KEY,
    type provider_platform_type NOT NULL,
    name VARCHAR(255) NOT NULL,
    account_id VARCHAR(255),
    access_key TEXT,
    base_url VARCHAR(500),
    state provider_platform_state DEFAULT 'enabled',
    external_auth_provider_id VARCHAR(255),
    oidc_id INTEGER,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE courses (
    id SERIAL PRIMARY KEY,
    provider_platform_id INTEGER NOT NULL REFERENCES provider_platforms(id),
    name VARCHAR(500) NOT NULL,
    description TEXT,
    external_id VARCHAR(255) NOT NULL,
    thumbnail_url VARCHAR(500),
    type course_type DEFAULT 'open_enrollment',
    outcome_types VARCHAR(500),
    external_url VARCHAR(500),
    alt_name VARCHAR(500),
    total_progress_milestones INTEGER DEFAULT 0,
    start_dt TIMESTAMPTZ,
    end_dt TIMESTAMPTZ,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW(),
    deleted_at TIMESTAMPTZ,
    UNIQUE(provider_platform_id, external_id)
);

CREATE TABLE user_enrollments (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    course_id INTEGER NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    external_id VARCHAR(255),
    created_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ,
    deleted_at TIMESTAMPTZ,
    PRIMARY KEY (user_id, course_id)
);

CREATE TABLE activities (
    id SERIAL PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    type activity_type DEFAULT 'interaction',
    total_time BIGINT DEFAULT 0,
    time_delta BIGINT DEFAULT 0,
    external_id VARCHAR(255),
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE milestones (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    course_id INTEGER NOT NULL REFERENCES courses(id),
    external_id VARCHAR(255) NOT NULL,
    type milestone_type DEFAULT 'enrollment',
    is_completed BOOLEAN DEFAULT false,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW(),
    UNIQUE(user_id, course_id, external_id)
);

CREATE TABLE outcomes (
    id SERIAL PRIMARY KEY,
    type outcome_type NOT NULL,
    course_id INTEGER NOT NULL REFERENCES courses(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    value TEXT,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE open_content_providers (
    id SERIAL PRIMARY KEY,
    title VARCHAR(255) NOT NULL,
    url VARCHAR(500),
    thumbnail_url VARCHAR(500),
    currently_enabled BOOLEAN DEFAULT true,
    description TEXT,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE libraries (
    id SERIAL PRIMARY KEY,
    open_content_provider_id INTEGER NOT NULL REFERENCES open_content_providers(id),
    external_id VARCHAR(255),
    title VARCHAR(500) NOT NULL,
    language VARCHAR(255),
    description TEXT,
    url VARCHAR(500) NOT NULL,
    thumbnail_url VARCHAR(500),
    visibility_status BOOLEAN DEFAULT true,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE videos (
    id SERIAL PRIMARY KEY,
    external_id VARCHAR(255) UNIQUE NOT NULL,
    url VARCHAR(500) UNIQUE NOT NULL,
    title VARCHAR(500) NOT NULL,
    availability video_availability DEFAULT 'processing',
    channel_title VARCHAR(255),
    duration INTEGER,
    description TEXT,
    thumbnail_url VARCHAR(500),
    open_content_provider_id INTEGER NOT NULL REFERENCES open_content_providers(id),
    visibility_status BOOLEAN DEFAULT true,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE feature_flags (
    id SERIAL PRIMARY KEY,
    name feature_access UNIQUE NOT NULL,
    enabled BOOLEAN DEFAULT false,
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE cron_jobs (
    id VARCHAR(255) PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    schedule VARCHAR(100) DEFAULT '0 2 * * *',
    category INTEGER NOT NULL
);

CREATE TABLE runnable_tasks (
    id SERIAL PRIMARY KEY,
    job_id VARCHAR(255) NOT NULL REFERENCES cron_jobs(id),
    last_run TIMESTAMPTZ DEFAULT NOW(),
    provider_platform_id INTEGER REFERENCES provider_platforms(id),
    open_content_provider_id INTEGER REFERENCES open_content_providers(id),
    status job_status DEFAULT 'pending',
    created_at TIMESTAMPTZ DEFAULT NOW(),
    updated_at TIMESTAMPTZ DEFAULT NOW()
);
