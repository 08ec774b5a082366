SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_ 
    from ACT_RU_TASK RES
      left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_
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
      and (RES.TENANT_ID_ is null
      ) 
    ) countDistinct;
