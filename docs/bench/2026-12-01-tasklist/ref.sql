select count(*) from generate_series(1,1000000);
