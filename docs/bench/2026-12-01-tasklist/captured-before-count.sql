SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ 
    from ACT_RU_TASK RES
      left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_
          left join
      ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
     left join 
    (
    SELECT A.*
    FROM ACT_RU_AUTHORIZATION A
    WHERE A.TYPE_ < 2     
    AND ( A.USER_ID_ in ( 'fiona', '*')           
      OR A.GROUP_ID_ IN  (  'frontline' ) 
    )
      AND (
         (  
          A.RESOURCE_TYPE_ = '7' AND A.PERMS_ & '2' = '2'
         OR 
          A.RESOURCE_TYPE_ = '6' AND A.PERMS_ & '64' = '64'
         ) 
      )
    )
        AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))
     WHERE  (
        1 = 1 and
              (  I.TYPE_ = 'candidate'
                  and
                  (
                    I.GROUP_ID_ IN
                    (
                      'frontline'
                    )
                  ) )
        )
          and (
            (RES.CASE_EXECUTION_ID_ IS NOT NULL)
            OR
            (AUTH.RESOURCE_ID_ IS NOT NULL)
          )
      and (RES.TENANT_ID_ is null
      ) 
    ) countDistinct;
