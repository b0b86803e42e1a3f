import { z } from 'zod'

import { requiredText } from '../../shared/form-fields.ts'

export const signInForm = z.object({
  email: z.string({ error: 'Enter your email address' }).trim().min(1, 'Enter your email address').max(254),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024),
})

export const forgotPasswordForm = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' })),
})

export const newPasswordForm = z
  .object({
    newPassword: z.string({ error: 'Enter a new password' }).min(1, 'Enter a new password'),
    confirmPassword: z.string({ error: 'Enter the new password again' }).min(1, 'Enter the new password again'),
  })
  .refine(value => value.newPassword === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match',
  })

export const changePasswordForm = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password'),
    newPassword: z.string({ error: 'Enter a new password' }).min(1, 'Enter a new password'),
    confirmPassword: z.string({ error: 'Enter the new password again' }).min(1, 'Enter the new password again'),
  })
  .refine(value => value.newPassword === value.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match',
  })

export const apiTokenForm = z.object({
  name: requiredText('Enter a name for the token, for example Dashboard', 100),
  expiresInDays: z
    .enum(['30', '90', '365', 'never'], { error: 'Select when the token expires' })
    .transform(value => (value === 'never' ? undefined : Number(value))),
})
