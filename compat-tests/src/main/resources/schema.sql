create table registration (username varchar(64) primary key);
