-- AADA LMS (seed 002): the tables of its "Table Definitions" section, written as PostgreSQL DDL
-- from the seed's column tables (ENUM columns as the named types its SQLAlchemy models create;
-- "COMPUTED" total_minutes as a generated column; the check constraints of "Data Integrity").

CREATE TYPE user_role AS ENUM ('student', 'instructor', 'admin');
CREATE TYPE lesson_content_type AS ENUM ('h5p', 'scorm', 'video', 'document');
CREATE TYPE enrollment_status AS ENUM ('active', 'completed', 'withdrawn');

CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    email VARCHAR(255) UNIQUE NOT NULL,
    hashed_password VARCHAR(255) NOT NULL,
    full_name VARCHAR(255) NOT NULL,
    role user_role NOT NULL,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW(),
    deleted_at TIMESTAMP NULL
);
CREATE INDEX idx_users_role ON users (role);

CREATE TABLE programs (
    id SERIAL PRIMARY KEY,
    name VARCHAR(255) NOT NULL,
    description TEXT,
    total_credits DECIMAL(5,2),
    duration_weeks INTEGER,
    tuition_amount_cents INTEGER,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE modules (
    id SERIAL PRIMARY KEY,
    program_id INTEGER REFERENCES programs(id),
    name VARCHAR(255) NOT NULL,
    order_num INTEGER NOT NULL,
    description TEXT,
    created_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_modules_program_id ON modules (program_id);

CREATE TABLE lessons (
    id SERIAL PRIMARY KEY,
    module_id INTEGER REFERENCES modules(id),
    title VARCHAR(255) NOT NULL,
    content_type lesson_content_type NOT NULL,
    content_url VARCHAR(512),
    order_num INTEGER NOT NULL,
    created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE enrollments (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
    program_id INTEGER REFERENCES programs(id),
    status enrollment_status NOT NULL,
    enrolled_at DATE NOT NULL,
    completed_at DATE NULL,
    progress_pct INTEGER DEFAULT 0,
    created_at TIMESTAMP DEFAULT NOW(),
    CONSTRAINT check_progress_pct CHECK (progress_pct >= 0 AND progress_pct <= 100)
);
CREATE INDEX idx_enrollments_user_id ON enrollments (user_id);
CREATE INDEX idx_enrollments_program_id ON enrollments (program_id);
CREATE INDEX idx_enrollments_status ON enrollments (status);

CREATE TABLE attendance (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    enrollment_id INTEGER REFERENCES enrollments(id),
    clock_in TIMESTAMP NOT NULL,
    clock_out TIMESTAMP NULL,
    total_minutes INTEGER GENERATED ALWAYS AS
        ((EXTRACT(EPOCH FROM (clock_out - clock_in)) / 60)::integer) STORED,
    notes TEXT,
    created_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_attendance_user_id ON attendance (user_id);
CREATE INDEX idx_attendance_enrollment_id ON attendance (enrollment_id);

CREATE TABLE transcripts (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    program_id INTEGER REFERENCES programs(id),
    gpa DECIMAL(3,2),
    total_credits DECIMAL(5,2),
    generated_at TIMESTAMP NOT NULL,
    pdf_url VARCHAR(512),
    created_at TIMESTAMP DEFAULT NOW(),
    CONSTRAINT check_gpa CHECK (gpa >= 0.0 AND gpa <= 4.0)
);

CREATE TABLE credentials (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    program_id INTEGER REFERENCES programs(id),
    credential_type VARCHAR(255) NOT NULL,
    cert_serial VARCHAR(100),
    issued_at DATE,
    created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE externships (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    site_name VARCHAR(255) NOT NULL,
    site_address TEXT,
    supervisor_name VARCHAR(255),
    supervisor_email VARCHAR(255),
    total_hours INTEGER DEFAULT 0,
    verified BOOLEAN DEFAULT FALSE,
    verified_at TIMESTAMP NULL,
    verification_doc_url VARCHAR(512),
    created_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_externships_user_id ON externships (user_id);
CREATE INDEX idx_externships_verified ON externships (verified);

CREATE TABLE withdrawals (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    enrollment_id INTEGER REFERENCES enrollments(id),
    requested_at TIMESTAMP NOT NULL,
    progress_pct_at_withdrawal INTEGER,
    reason TEXT,
    admin_notes TEXT,
    admin_processed_at TIMESTAMP NULL,
    created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE refunds (
    id SERIAL PRIMARY KEY,
    withdrawal_id INTEGER REFERENCES withdrawals(id),
    amount_cents INTEGER NOT NULL,
    policy_basis TEXT,
    approved_at TIMESTAMP NULL,
    approved_by INTEGER REFERENCES users(id),
    remitted_at TIMESTAMP NULL,
    created_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE scorm_data (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    lesson_id INTEGER REFERENCES lessons(id),
    cmi_core_lesson_status VARCHAR(50),
    cmi_core_score_raw INTEGER,
    cmi_core_score_max INTEGER,
    cmi_suspend_data TEXT,
    updated_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE xapi_statements (
    id SERIAL PRIMARY KEY,
    user_id INTEGER REFERENCES users(id),
    verb VARCHAR(100) NOT NULL,
    object_id VARCHAR(255) NOT NULL,
    result JSONB,
    context JSONB,
    timestamp TIMESTAMP NOT NULL,
    created_at TIMESTAMP DEFAULT NOW()
);
