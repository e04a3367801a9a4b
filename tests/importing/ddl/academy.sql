-- The academy of seed 001 ("PostgreSQL with Program Context"): its core, program-scoped and
-- course-hierarchy tables as the seed lists their columns. UUID keys default to the built-in
-- gen_random_uuid() (the seed enables uuid-ossp for the same purpose); ENUM columns are named
-- types; "Address, emergency contact, medical info (JSON fields)" are three JSON columns.

CREATE TYPE user_role AS ENUM ('super_admin', 'program_admin', 'program_coordinator', 'tutor');
CREATE TYPE student_status AS ENUM ('active', 'inactive', 'graduated', 'withdrawn');
CREATE TYPE facility_type AS ENUM ('pool', 'court', 'gym', 'field', 'classroom', 'lab');
CREATE TYPE facility_status AS ENUM ('active', 'maintenance', 'inactive');

CREATE TABLE users (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    username VARCHAR UNIQUE NOT NULL,
    email VARCHAR UNIQUE NOT NULL,
    password_hash VARCHAR NOT NULL,
    role user_role NOT NULL,
    is_active BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE programs (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name VARCHAR NOT NULL,
    description TEXT,
    is_active BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW()
);

CREATE TABLE user_program_assignments (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    program_id UUID REFERENCES programs(id) ON DELETE CASCADE,
    assigned_at TIMESTAMP DEFAULT NOW(),
    assigned_by UUID REFERENCES users(id)
);

CREATE TABLE courses (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    program_id UUID REFERENCES programs(id) ON DELETE CASCADE,
    name VARCHAR NOT NULL,
    description TEXT,
    level INTEGER,
    is_active BOOLEAN DEFAULT TRUE,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_courses_program_id ON courses (program_id);

CREATE TABLE students (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    program_id UUID REFERENCES programs(id) ON DELETE CASCADE,
    student_id VARCHAR UNIQUE,
    first_name VARCHAR NOT NULL,
    last_name VARCHAR NOT NULL,
    email VARCHAR,
    phone VARCHAR,
    date_of_birth DATE,
    enrollment_date DATE,
    status student_status DEFAULT 'active',
    address JSON,
    emergency_contact JSON,
    medical_info JSON,
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_students_program_id ON students (program_id);

CREATE TABLE facilities (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    program_id UUID REFERENCES programs(id) ON DELETE CASCADE,
    name VARCHAR NOT NULL,
    facility_type facility_type,
    capacity INTEGER,
    equipment JSON,
    amenities JSON,
    status facility_status DEFAULT 'active',
    created_at TIMESTAMP DEFAULT NOW(),
    updated_at TIMESTAMP DEFAULT NOW()
);
CREATE INDEX idx_facilities_program_id ON facilities (program_id);

CREATE TABLE curricula (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    program_id UUID REFERENCES programs(id) ON DELETE CASCADE,
    course_id UUID REFERENCES courses(id) ON DELETE CASCADE,
    name VARCHAR NOT NULL,
    description TEXT,
    sequence_order INTEGER
);

CREATE TABLE modules (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    program_id UUID REFERENCES programs(id) ON DELETE CASCADE,
    curriculum_id UUID REFERENCES curricula(id) ON DELETE CASCADE,
    name VARCHAR NOT NULL,
    description TEXT,
    sequence_order INTEGER
);

CREATE TABLE lessons (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    program_id UUID REFERENCES programs(id) ON DELETE CASCADE,
    module_id UUID REFERENCES modules(id) ON DELETE CASCADE,
    name VARCHAR NOT NULL,
    content TEXT,
    duration_minutes INTEGER,
    sequence_order INTEGER
);
